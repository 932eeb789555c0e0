/**
 * Sets `key` in `map`, then drops its oldest entries (in insertion order) beyond `max`: the
 * bounded caches of recent requests keep their latest entries this way, and one that wants recency
 * rather than arrival deletes and sets a key again when it is used.
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= max) {
      return;
    }
    map.delete(oldest);
  }
}
