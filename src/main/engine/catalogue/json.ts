/** Parse a JSON column that the schema guarantees is a JSON object. */
export function parseObject(text: string | null): Record<string, unknown> {
  if (text === null) return {};
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function parseNullableObject(text: string | null): Record<string, unknown> | null {
  return text === null ? null : parseObject(text);
}

/** Keep only finite numeric entries (metrics columns). */
export function parseNumbers(text: string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(parseObject(text))) {
    if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
  }
  return out;
}
