/**
 * Formats the time of day of an instant in Japan (Asia/Tokyo, UTC+9 all year) as `HH:MM`, so that
 * the printout matches admin-web, which shows times in JST.
 */
export function formatJapanTime(instant: Date): string {
  return new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}
