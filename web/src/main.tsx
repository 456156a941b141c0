/**
 * The marketers' dashboard: one page app over our own GraphQL API, routed by the URL hash
 * (#/people/u1) so the API serves a single index.html and deep links still work.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { apiKey, setApiKey } from './api.js';
import { LANGUAGES, currentLanguage, setLanguage, useT, type Language } from './i18n.js';
import { Campaigns } from './screens/campaigns.js';
import { Communities } from './screens/communities.js';
import { Kols } from './screens/kols.js';
import { Lookalike } from './screens/lookalike.js';
import { Overview } from './screens/overview.js';
import { People } from './screens/people.js';
import { Profile } from './screens/profile.js';
import { Segments } from './screens/segments.js';
import './styles.css';

const SCREENS = ['overview', 'people', 'kols', 'communities', 'segments', 'lookalike', 'campaigns'] as const;

function useRoute(): string[] {
  const read = () => (location.hash.replace(/^#\/?/, '') || 'overview').split('/').map(decodeURIComponent);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

function LanguageSwitch() {
  const t = useT();
  return (
    <div class="language">
      <label for="language">{t('header.language')}</label>
      <select id="language" value={currentLanguage()} onChange={(e) => setLanguage(e.currentTarget.value as Language)}>
        {LANGUAGES.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>
            {language.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function KeyField() {
  const t = useT();
  const [key, setKey] = useState(apiKey());
  const [saved, setSaved] = useState(false);
  return (
    <form
      class="key-form"
      onSubmit={(event) => {
        event.preventDefault();
        setApiKey(key.trim());
        setSaved(true);
        location.reload();
      }}
    >
      <label for="api-key">{t('header.apiKey')}</label>
      <input
        id="api-key"
        type="password"
        autocomplete="off"
        value={key}
        onInput={(e) => (setKey(e.currentTarget.value), setSaved(false))}
        placeholder={t('header.apiKeyPlaceholder')}
      />
      <button type="submit">{saved ? t('header.saved') : t('header.use')}</button>
    </form>
  );
}

function App() {
  const t = useT();
  const [screen = 'overview', ...rest] = useRoute();
  const title = (SCREENS as readonly string[]).includes(screen) ? t(`screens.${screen}`) : t('screens.notFound');
  useEffect(() => {
    document.title = `${title} · profile-graph`;
  }, [title]);
  let page;
  if (screen === 'overview') page = <Overview />;
  else if (screen === 'people' && rest[0]) page = <Profile id={rest[0]} />;
  else if (screen === 'people') page = <People />;
  else if (screen === 'kols') page = <Kols />;
  else if (screen === 'communities') page = <Communities selected={rest[0] ?? null} />;
  else if (screen === 'segments') page = <Segments />;
  else if (screen === 'lookalike') page = <Lookalike />;
  else if (screen === 'campaigns') page = <Campaigns selected={rest[0] ?? null} />;
  else page = <p>{t('app.nothingHere')}</p>;
  return (
    <>
      <header class="top">
        <a class="brand" href="#/overview">
          profile-graph
        </a>
        <nav aria-label={t('header.screens')}>
          <ul>
            {SCREENS.map((path) => (
              <li key={path}>
                <a href={`#/${path}`} aria-current={path === screen ? 'page' : undefined}>
                  {t(`screens.${path}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <LanguageSwitch />
        <KeyField />
      </header>
      <main id="main">{page}</main>
    </>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
