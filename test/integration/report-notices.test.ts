import { apiEvent, operatorClaims } from './support/api-events';
import { captureOutput } from './support/captured-output';
import { startHandlerEmulators, type HandlerEmulators, emulatorStartTimeoutMs } from './support/handler-emulators';
import { inventedGuestStrings, inventedResident, inventedVisitor, storeRegisterEntry } from './support/register-fixtures';

type Mail = { destination: { to: string[] }; subject: string; body: { text: string } };

const tenantId = 'tenant-notices';
const busyId = 'facility-busy';
const quietId = 'facility-quiet';
const submittedId = 'facility-submitted';
const localLimitId = 'facility-local-limit';
const hotelId = 'facility-hotel';

describe('scheduled report notices', () => {
  let emulators: HandlerEmulators;
  let sendNotices: typeof import('../../lambdas/reports/send-report-notices').handler;
  let addStay: (facilityId: string, arrivalDate: string, departureDate: string) => Promise<string>;
  let confirmLongStay: (entryId: string, at: string) => Promise<void>;
  let output: ReturnType<typeof captureOutput>;

  async function sentMails(): Promise<Mail[]> {
    const store = (await (await fetch(`${emulators.sesEndpoint}/store`)).json()) as { emails: Mail[] };
    return store.emails;
  }

  async function clearMails(): Promise<void> {
    await fetch(`${emulators.sesEndpoint}/clear-store`, { method: 'POST' });
  }

  beforeAll(async () => {
    emulators = await startHandlerEmulators();
    Object.assign(process.env, emulators.environment);
    output = captureOutput();

    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    const { kmsClient } = require('../../lambdas/aws/kms') as typeof import('../../lambdas/aws/kms');
    const { TenantRepository } = require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository');
    const { FacilityRepository } = require('../../lambdas/facility/facility-repository') as typeof import('../../lambdas/facility/facility-repository');
    const { RegisterRepository } = require('../../lambdas/guest-register/register-repository') as typeof import('../../lambdas/guest-register/register-repository');
    const { TenantDataKeys } = require('../../lambdas/guest-pii/tenant-data-keys') as typeof import('../../lambdas/guest-pii/tenant-data-keys');
    const { TenantKeys } = require('../../lambdas/guest-pii/tenant-keys') as typeof import('../../lambdas/guest-pii/tenant-keys');

    await new TenantRepository(documentClient, 'Directory').createTenant({
      tenantId,
      name: '通知検証株式会社',
      contactEmail: 'head-office@example.invalid',
    });
    // Roles come from the Directory record; the token's group is not trusted.
    await new TenantRepository(documentClient, 'Directory').putOperatorUser({ tenantId, userId: 'owner-notices', email: 'owner-notices@example.invalid', role: 'owner' });
    const facilities = new FacilityRepository(documentClient, 'Directory');
    const base = { tenantId, address: '架空県架空市2-2', licenceType: 'private-lodging' } as const;
    await facilities.createFacility({ ...base, facilityId: busyId, name: 'にぎわいハウス', licenceNumber: 'M130000010', notificationEmail: 'busy-office@example.invalid' });
    await facilities.createFacility({ ...base, facilityId: quietId, name: 'しずかハウス', licenceNumber: 'M130000011' });
    await facilities.createFacility({ ...base, facilityId: submittedId, name: 'すみハウス', licenceNumber: 'M130000012' });
    await facilities.createFacility({ ...base, facilityId: hotelId, name: '架空ホテル', licenceType: 'ryokan-hotel', licenceNumber: '許可第2号' });
    await facilities.createFacility({
      ...base,
      facilityId: localLimitId,
      name: 'じょうれいハウス',
      licenceNumber: 'M130000013',
      notificationEmail: 'local-office@example.invalid',
      reportSettings: { annualDayLimit: 60 },
    });
    // Notified after the June–July period, so it owes no report for it and gets no reminder.
    await facilities.createFacility({
      ...base,
      facilityId: 'facility-notified-in-august',
      name: 'あたらしハウス',
      licenceNumber: 'M130000014',
      notificationEmail: 'new-office@example.invalid',
      notificationDate: '2026-08-01',
    });

    const deps = {
      register: new RegisterRepository(documentClient, 'Register'),
      dataKeys: new TenantDataKeys({ kms: kmsClient, documentClient, registerTable: 'Register', tenantKeys: new TenantKeys(kmsClient, { stage: 'test', aliasPrefix: process.env.TENANT_KEY_ALIAS_PREFIX! }) }),
    };
    addStay = async (facilityId, arrivalDate, departureDate) => {
      const entry = await storeRegisterEntry(deps, {
        tenantId,
        facilityId,
        arrivalDate,
        departureDate,
        acceptedAt: `${arrivalDate}T17:00:00+09:00`,
        guests: [inventedResident, inventedVisitor],
      });
      return entry.entryId;
    };
    const { AuditLog } = require('../../lambdas/guest-register/audit-log') as typeof import('../../lambdas/guest-register/audit-log');
    confirmLongStay = async (entryId, at) => {
      const audit = new AuditLog(documentClient, 'Audit').putInput(
        { tenantId, userId: 'owner-notices', action: 'confirm-long-stay', resource: 'register-entry', entryIds: [entryId] },
        new Date(at),
      );
      await deps.register.addLongStayConfirmation(tenantId, entryId, { at, userId: 'owner-notices', userName: 'owner-notices@example.invalid' }, audit);
    };
    // 150 lodging days of cap year 2026: April 1 to August 28.
    await addStay(busyId, '2026-04-01', '2026-08-29');

    const updateStatus = (require('../../lambdas/reports/update-periodic-report-status') as typeof import('../../lambdas/reports/update-periodic-report-status')).handler;
    const marked = await updateStatus(
      apiEvent({
        claims: operatorClaims(tenantId, 'owner-notices', 'owner'),
        pathParameters: { facilityId: submittedId, periodId: '2026-06' },
        body: { status: 'submitted' },
      }),
    );
    expect(marked.statusCode).toBe(200);

    sendNotices = (require('../../lambdas/reports/send-report-notices') as typeof import('../../lambdas/reports/send-report-notices')).handler;
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    output?.restore();
    await emulators?.stop();
  });

  beforeEach(clearMails);

  test('day before: 150-day warning only', async () => {
    // 14:59 UTC on August 7 is 23:59 on August 7 in Japan, the day before the reminder.
    const outcome = await sendNotices({ time: '2026-08-07T14:59:00Z' });

    // The 150-night stay is a long stay too, unconfirmed since April 8.
    expect(outcome).toEqual({ remindersSent: 0, capWarningsSent: 1, longStayRemindersSent: 1, failures: 0 });
    const mails = (await sentMails()).filter((mail) => !mail.subject.startsWith('【長期滞在の確認】'));
    expect(mails).toHaveLength(1);
    expect(mails[0].destination.to).toEqual(['busy-office@example.invalid']);
    expect(mails[0].subject).toBe('【180日上限】にぎわいハウス 150/180 日 / Annual day cap: 150 of 180 days');
    expect(mails[0].body.text).toContain('2026年4月1日正午からの1年間の宿泊日数が 150 日になりました。上限 180 日まで残り 30 日です。');
  });

  test('reminds 7 days before the due date', async () => {
    // 15:00 UTC on August 7 is midnight of August 8 in Japan; the June–July report is due August 15.
    const outcome = await sendNotices({ time: '2026-08-07T15:00:00Z' });

    expect(outcome).toEqual({ remindersSent: 3, capWarningsSent: 0, longStayRemindersSent: 0, failures: 0 });
    const reminders = (await sentMails()).filter((mail) => mail.subject.startsWith('【定期報告】'));
    expect(reminders.map((mail) => mail.destination.to[0]).sort()).toEqual([
      'busy-office@example.invalid',
      'head-office@example.invalid',
      'local-office@example.invalid',
    ]);
    const busy = reminders.find((mail) => mail.destination.to[0] === 'busy-office@example.invalid')!;
    expect(busy.subject).toBe('【定期報告】にぎわいハウス 提出期限 2026-08-15 / Periodic report due');
    expect(busy.body.text).toContain('報告期間: 2026年度06月～07月（2026-06-01 〜 2026-07-31）');
    expect(busy.body.text).toContain('宿泊日数: 61 日 / 宿泊者数: 2 人 / 延べ宿泊者数: 122 人');
    expect(busy.body.text).toContain('The periodic report of にぎわいハウス');
  });

  test('repeated run mails nothing twice', async () => {
    const outcome = await sendNotices({ time: '2026-08-07T15:30:00Z' });

    expect(outcome).toEqual({ remindersSent: 0, capWarningsSent: 0, longStayRemindersSent: 0, failures: 0 });
    expect(await sentMails()).toEqual([]);
  });

  test('next threshold mails once', async () => {
    // 20 more days, August 29 to September 17: 170 days used.
    await addStay(busyId, '2026-08-29', '2026-09-18');

    const first = await sendNotices({ time: '2026-09-18T00:00:00Z' });
    const second = await sendNotices({ time: '2026-09-19T00:00:00Z' });

    // The 20-night stay is still in progress at 09:00 on September 18, and unconfirmed.
    expect(first).toEqual({ remindersSent: 0, capWarningsSent: 1, longStayRemindersSent: 1, failures: 0 });
    expect(second).toEqual({ remindersSent: 0, capWarningsSent: 0, longStayRemindersSent: 0, failures: 0 });
    const mails = (await sentMails()).filter((mail) => !mail.subject.startsWith('【長期滞在の確認】'));
    expect(mails).toHaveLength(1);
    expect(mails[0].destination.to).toEqual(['busy-office@example.invalid']);
    expect(mails[0].subject).toBe('【180日上限】にぎわいハウス 170/180 日 / Annual day cap: 170 of 180 days');
    expect(mails[0].body.text).toContain('上限 180 日まで残り 10 日です');
  });

  test('statutory limit of 180 days mails once', async () => {
    // 10 more days, September 18 to 27: all 180 days of the year used.
    await addStay(busyId, '2026-09-18', '2026-09-28');

    const outcome = await sendNotices({ time: '2026-09-28T00:00:00Z' });

    expect(outcome.capWarningsSent).toBe(1);
    const mails = (await sentMails()).filter((mail) => mail.subject.startsWith('【180日上限】'));
    expect(mails.map((mail) => mail.subject)).toEqual(['【180日上限】にぎわいハウス 180/180 日 / Annual day cap: 180 of 180 days']);
    expect(mails[0].body.text).toContain('上限 180 日まで残り 0 日です');
    expect((await sendNotices({ time: '2026-09-29T00:00:00Z' })).capWarningsSent).toBe(0);
  });

  test('no guest data in mail or logs', async () => {
    await addStay(quietId, '2026-10-01', '2026-10-03');
    await sendNotices({ time: '2026-12-07T15:00:00Z' });

    const mails = JSON.stringify(await sentMails());
    expect(mails).toContain('しずかハウス');
    for (const secret of inventedGuestStrings) {
      expect(mails).not.toContain(secret);
      expect(output.text()).not.toContain(secret);
    }
  });

  test('local limit warns at its own thresholds', async () => {
    // 60 lodging days from April 1, 2027: the local limit of 60 reached, past 30 and 50.
    await addStay(localLimitId, '2027-04-01', '2027-05-31');

    const outcome = await sendNotices({ time: '2027-05-31T00:00:00Z' });

    expect(outcome.capWarningsSent).toBe(1);
    const mails = (await sentMails()).filter((mail) => mail.subject.startsWith('【180日上限】'));
    expect(mails.map((mail) => mail.subject)).toEqual(['【180日上限】じょうれいハウス 60/60 日 / Annual day cap: 60 of 60 days']);
    expect(mails[0].body.text).toContain('上限 60 日まで残り 0 日です');
  });

  test('long stay reminded weekly until confirmed', async () => {
    // 21 nights from 17:00 on November 1: the first confirmation is due at 17:00 on November 8.
    const entryId = await addStay(hotelId, '2026-11-01', '2026-11-22');
    const longStayMails = async () => (await sentMails()).filter((mail) => mail.subject.startsWith('【長期滞在の確認】'));

    // 09:00 on November 8 in Japan: not yet due.
    expect((await sendNotices({ time: '2026-11-08T00:00:00Z' })).longStayRemindersSent).toBe(0);
    // 09:00 on November 9: due since the evening before.
    expect((await sendNotices({ time: '2026-11-09T00:00:00Z' })).longStayRemindersSent).toBe(1);
    expect((await sendNotices({ time: '2026-11-10T00:00:00Z' })).longStayRemindersSent).toBe(0);
    // A week on, still unconfirmed: the second reminder.
    expect((await sendNotices({ time: '2026-11-16T00:00:00Z' })).longStayRemindersSent).toBe(1);

    const mails = await longStayMails();
    expect(mails).toHaveLength(2);
    expect(mails[0].destination.to).toEqual(['head-office@example.invalid']);
    expect(mails[0].subject).toBe('【長期滞在の確認】架空ホテル 2026-11-01 〜 2026-11-22 / Long stay: confirm who is staying');
    expect(mails[0].body.text).toContain('（21泊・2名）');
    expect(mails[0].body.text).toContain('7 日ごとに確認してください');

    // Confirmed at 10:00 on November 16: the next one would fall after check-out on November 22.
    await confirmLongStay(entryId, '2026-11-16T01:00:00Z');
    await clearMails();
    expect((await sendNotices({ time: '2026-11-17T00:00:00Z' })).longStayRemindersSent).toBe(0);
    expect((await sendNotices({ time: '2026-11-21T00:00:00Z' })).longStayRemindersSent).toBe(0);
    expect(await longStayMails()).toEqual([]);
  });

  test('confirmation restarts the weekly series', async () => {
    // 28 nights from 17:00 on January 4, 2027, confirmed on time at 10:00 on January 11.
    const entryId = await addStay(quietId, '2027-01-04', '2027-02-01');
    await confirmLongStay(entryId, '2027-01-11T01:00:00Z');

    // The next confirmation falls due at 10:00 on January 18, so 09:00 is still in time.
    expect((await sendNotices({ time: '2027-01-18T00:00:00Z' })).longStayRemindersSent).toBe(0);
    expect((await sendNotices({ time: '2027-01-19T00:00:00Z' })).longStayRemindersSent).toBe(1);
    const [mail] = (await sentMails()).filter((sent) => sent.subject.startsWith('【長期滞在の確認】'));
    expect(mail.body.text).toContain('2027-01-18T01:00:00.000Z');
    for (const secret of inventedGuestStrings) expect(JSON.stringify(mail)).not.toContain(secret);
  });
});
