/** How many receivers one item is handed to before the process turns to its other work. */
export const HAND_OUT_SLICE = 100;

/**
 * Hands one thing to many receivers, `size` at a time, letting the event loop turn between slices:
 * an event for thousands of subscribers no longer holds up everything else the process does
 * meanwhile (a chair's own mutation answer, the calls already made for the first subscribers).
 * The receivers are those present when it starts; one that has left since (`present` says no) gets
 * nothing, and one that came since is not handed this one (it came after it).
 */
export async function handOutInSlices<T>(
  receivers: Iterable<T>,
  present: (receiver: T) => boolean,
  give: (receiver: T) => void,
  size = HAND_OUT_SLICE,
): Promise<void> {
  const all = [...receivers];
  for (let i = 0; i < all.length; i += size) {
    if (i) await new Promise((resolve) => setImmediate(resolve));
    for (const receiver of all.slice(i, i + size)) if (present(receiver)) give(receiver);
  }
}
