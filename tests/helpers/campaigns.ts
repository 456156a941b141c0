/** Audience pages as a launch reads them (CampaignsService.launch), from a list of ids. */
export async function* pagesOf(ids: readonly string[], size = 10_000): AsyncGenerator<readonly string[]> {
  for (let start = 0; start < ids.length; start += size) yield ids.slice(start, start + size);
}
