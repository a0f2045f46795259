/**
 * 定期報告 periods as the API names them: `YYYY-MM` of the first of two months, an even month
 * (February, April … December), so December and January form period `YYYY-12`.
 */
export function periodIdOf(japanDate: string): string {
  const year = Number(japanDate.slice(0, 4));
  const month = Number(japanDate.slice(5, 7));
  if (month === 1) return `${year - 1}-12`;
  const first = month % 2 === 0 ? month : month - 1;
  return `${year}-${String(first).padStart(2, '0')}`;
}

export function previousPeriodId(periodId: string): string {
  const year = Number(periodId.slice(0, 4));
  const month = Number(periodId.slice(5, 7));
  return month === 2 ? `${year - 1}-12` : `${year}-${String(month - 2).padStart(2, '0')}`;
}

/** Today's date in Japan, `YYYY-MM-DD`. */
export function todayInJapan(now: Date): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}
