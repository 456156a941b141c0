/**
 * Whether a text has anything a reader can see: a letter, a digit, a symbol (emoji included) or
 * punctuation. `trim()` keeps zero-width spaces, joiners, the BOM and other format characters,
 * so a review of only those passed for text.
 */
export function hasVisibleText(text: string | null | undefined): text is string {
  return text != null && /[\p{L}\p{N}\p{S}\p{P}]/u.test(text);
}
