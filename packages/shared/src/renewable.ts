/** The key lists already checked against what their builders build (once each). */
const checked = new WeakSet<readonly string[]>();

/**
 * Gives `context` the parts named in `keys` (a forked EntityManager and the services over it), all
 * built together by `build` when one of them is first read, and built anew after the returned
 * `renew`: an operation or a subscription event that reads nothing through them forks nothing (a
 * live agenda event for 2,000 people builds no EntityManager and no service for any of them).
 */
export function renewableParts<P extends object>(context: object, keys: readonly (keyof P & string)[], build: () => P): () => void {
  let parts: P | undefined;
  const current = (): P => {
    if (parts) return parts;
    parts = build();
    if (!checked.has(keys)) {
      const unnamed = Object.keys(parts).filter((k) => !keys.includes(k as keyof P & string));
      if (unnamed.length) throw new Error(`parts built but not named: ${unnamed.join(", ")}`);
      const unbuilt = keys.filter((k) => !(k in parts!));
      if (unbuilt.length) throw new Error(`parts named but not built: ${unbuilt.join(", ")}`);
      checked.add(keys);
    }
    return parts;
  };
  for (const key of keys) Object.defineProperty(context, key, { get: () => current()[key], enumerable: true, configurable: true });
  return () => {
    parts = undefined;
  };
}
