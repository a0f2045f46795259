/** A count that screens subscribe to. A listener runs at once and again on every change. */
export class ObservableCount {
  private current = 0;
  private readonly listeners = new Set<(count: number) => void>();

  subscribe(listener: (count: number) => void): () => void {
    this.listeners.add(listener);
    listener(this.current);
    return () => this.listeners.delete(listener);
  }

  publish(count: number): void {
    if (count === this.current) return;
    this.current = count;
    for (const listener of this.listeners) listener(count);
  }
}
