// A user listed on a page (a follower, a buyer, a member): the whole user map, or with $cards
// only what a user card shows (id, name, consent; src/profiles/user-cards.ts), which the loaders
// and the page look-ahead ask for when the list's selection reads nothing else. CASE evaluates
// only the branch taken, so a card reads three properties instead of thirteen.
CASE WHEN $cards THEN $var {.id, .displayName, .consentProfiling} ELSE {{user-map $var}} END
