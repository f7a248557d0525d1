import { useEffect, useState } from 'react';

/** The current time, ticking every `intervalMs` while `active` (a countdown); frozen otherwise. */
export function useNow(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(Date.now());
    // Catch up at once: the frozen time may be long past when the countdown starts.
    const first = setTimeout(tick, 0);
    const interval = setInterval(tick, intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(interval);
    };
  }, [active, intervalMs]);
  return now;
}
