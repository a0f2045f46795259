/**
 * Copies everything written to stdout and stderr into a buffer while still printing it, so a
 * test can check that no guest data reached a log line.
 */
export function captureOutput(): { text: () => string; restore: () => void } {
  let output = '';
  const restores: (() => void)[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restores.push(() => (stream.write = original));
  }
  return { text: () => output, restore: () => restores.forEach((restore) => restore()) };
}
