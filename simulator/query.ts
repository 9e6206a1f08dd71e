/** Werkzeug's request.args.to_dict(flat=False): every key (in first-seen order) with all its values. */
export function queryToLists(search: URLSearchParams): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  for (const [key, value] of search) {
    const list = lists.get(key);
    if (list) list.push(value);
    else lists.set(key, [value]);
  }
  return lists;
}

const WERKZEUG_SAFE_ESCAPES: Record<string, string> = {
  '%24': '$',
  '%2C': ',',
  '%2F': '/',
  '%3A': ':',
  '%3B': ';',
  '%3F': '?',
  '%40': '@',
};

function encodeLikeWerkzeug(value: string): string {
  return encodeURIComponent(value)
    .replace(/%20/g, '+')
    .replace(/%(24|2C|2F|3A|3B|3F|40)/g, (escape) => WERKZEUG_SAFE_ESCAPES[escape] ?? escape);
}

/** Flask's url_for(..., **params): list values repeat their key; order as given. */
export function buildQueryString(params: ReadonlyArray<readonly [string, string | readonly string[]]>): string {
  const parts: string[] = [];
  for (const [key, value] of params) {
    for (const item of typeof value === 'string' ? [value] : value) {
      parts.push(`${encodeLikeWerkzeug(key)}=${encodeLikeWerkzeug(item)}`);
    }
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}
