// The HTTP API (/api/v1). Every call can be aborted; errors carry the API's message.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function get(path, params, signal) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params || {})) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && v !== "") url.searchParams.append(key, v);
    }
  }
  let response;
  try {
    response = await fetch(url, {signal, headers: {Accept: "application/json"}});
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError(0, "network", "Không kết nối được máy chủ.");
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    /* not JSON */
  }
  if (!response.ok) {
    const e = body && body.error;
    throw new ApiError(response.status, e ? e.code : "http", e ? e.message : `HTTP ${response.status}`);
  }
  return body;
}

export const facetDefinitions = () => get("/api/v1/facets/definitions");
export const search = (params, signal) => get("/api/v1/search", params, signal);
export const suggest = (q, signal) => get("/api/v1/suggest", {q}, signal);
export const documentById = (id, signal) => get(`/api/v1/documents/${encodeURIComponent(id)}`, null, signal);

let background = null;
/** [lat, lon] of every district in the gazetteer, drawn faintly behind the map. */
export function districtPoints() {
  background ??= fetch("/static/vn-districts.json")
    .then((r) => (r.ok ? r.json() : {points: []}))
    .then((d) => d.points || [])
    .catch(() => []);
  return background;
}
