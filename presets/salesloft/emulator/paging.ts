// Salesloft's page-number paging: `per_page` (default 25, at most 100) and `page`, echoed in `metadata.paging`.

export const DEFAULT_PER_PAGE = 25;
export const MAX_PER_PAGE = 100;

export interface PageRequest {
  readonly perPage: number;
  readonly page: number;
  /** Salesloft adds total_count and total_pages only when asked, because counting is costly on its side. */
  readonly includeCounts: boolean;
}

export interface Paging {
  per_page: number;
  current_page: number;
  next_page: number | null;
  prev_page: number | null;
  total_pages?: number;
  total_count?: number;
}

/** Reads paging from the query; nonsense falls back to the defaults and per_page above the maximum is capped. */
export function readPageRequest(query: URLSearchParams): PageRequest {
  const perPage = positiveInteger(query.get("per_page")) ?? DEFAULT_PER_PAGE;
  return {
    perPage: Math.min(perPage, MAX_PER_PAGE),
    page: positiveInteger(query.get("page")) ?? 1,
    includeCounts: query.get("include_paging_counts") === "true",
  };
}

function positiveInteger(text: string | null): number | undefined {
  if (text === null || !/^\d+$/.test(text.trim())) return undefined;
  const value = Number(text);
  return value >= 1 ? value : undefined;
}

/** One page of items with its metadata, in the `{"metadata": {"paging"}, "data"}` shape. */
export function pageOf<T>(items: readonly T[], request: PageRequest): { metadata: { paging: Paging }; data: T[] } {
  const start = (request.page - 1) * request.perPage;
  const data = items.slice(start, start + request.perPage);
  const totalPages = Math.ceil(items.length / request.perPage);
  const paging: Paging = {
    per_page: request.perPage,
    current_page: request.page,
    next_page: request.page < totalPages ? request.page + 1 : null,
    prev_page: request.page > 1 ? request.page - 1 : null,
  };
  if (request.includeCounts) {
    paging.total_pages = totalPages;
    paging.total_count = items.length;
  }
  return { metadata: { paging }, data };
}
