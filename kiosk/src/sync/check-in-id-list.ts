/** A set of check-in ids kept in localStorage under one key, so that it survives reloads. */
export class CheckInIdList {
  constructor(private readonly storageKey: string) {}

  read(): string[] {
    return JSON.parse(localStorage.getItem(this.storageKey) ?? '[]') as string[];
  }

  add(checkInId: string): void {
    this.write(new Set(this.read()).add(checkInId));
  }

  remove(checkInId: string): void {
    const ids = new Set(this.read());
    ids.delete(checkInId);
    this.write(ids);
  }

  clear(): void {
    localStorage.removeItem(this.storageKey);
  }

  private write(ids: Set<string>): void {
    if (ids.size === 0) localStorage.removeItem(this.storageKey);
    else localStorage.setItem(this.storageKey, JSON.stringify([...ids]));
  }
}
