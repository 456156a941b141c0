/**
 * The marketers' dashboard: one page app over our own GraphQL API, routed by the URL hash
 * (#/people/u1) so the API serves a single index.html and deep links still work.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { apiKey, setApiKey } from './api.js';
import { Campaigns } from './screens/campaigns.js';
import { Communities } from './screens/communities.js';
import { Kols } from './screens/kols.js';
import { Lookalike } from './screens/lookalike.js';
import { Overview } from './screens/overview.js';
import { People } from './screens/people.js';
import { Profile } from './screens/profile.js';
import { Segments } from './screens/segments.js';
import './styles.css';

const SCREENS = [
  { path: 'overview', label: 'Overview' },
  { path: 'people', label: 'People' },
  { path: 'kols', label: 'KOLs' },
  { path: 'communities', label: 'Communities' },
  { path: 'segments', label: 'Segments' },
  { path: 'lookalike', label: 'Lookalike' },
  { path: 'campaigns', label: 'Campaigns' },
] as const;

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

function KeyField() {
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
      <label for="api-key">API key</label>
      <input id="api-key" type="password" autocomplete="off" value={key} onInput={(e) => (setKey(e.currentTarget.value), setSaved(false))} placeholder="none" />
      <button type="submit">{saved ? 'Saved' : 'Use'}</button>
    </form>
  );
}

function App() {
  const [screen = 'overview', ...rest] = useRoute();
  useEffect(() => {
    const label = SCREENS.find((s) => s.path === screen)?.label ?? 'Not found';
    document.title = `${label} · profile-graph`;
  }, [screen]);
  let page;
  if (screen === 'overview') page = <Overview />;
  else if (screen === 'people' && rest[0]) page = <Profile id={rest[0]} />;
  else if (screen === 'people') page = <People />;
  else if (screen === 'kols') page = <Kols />;
  else if (screen === 'communities') page = <Communities selected={rest[0] ?? null} />;
  else if (screen === 'segments') page = <Segments />;
  else if (screen === 'lookalike') page = <Lookalike />;
  else if (screen === 'campaigns') page = <Campaigns selected={rest[0] ?? null} />;
  else page = <p>Nothing here. Pick a screen above.</p>;
  return (
    <>
      <header class="top">
        <a class="brand" href="#/overview">
          profile-graph
        </a>
        <nav aria-label="Screens">
          <ul>
            {SCREENS.map((s) => (
              <li key={s.path}>
                <a href={`#/${s.path}`} aria-current={s.path === screen ? 'page' : undefined}>
                  {s.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <KeyField />
      </header>
      <main id="main">{page}</main>
    </>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
