import { registerImageKey } from '../../lambdas/check-in/image-keys';
import { launchTestBrowser, requiredEnv, type TestBrowser } from './support/browser';
import { ImageBucket } from './support/image-bucket';
import { foreignGuest, guestSecrets, residentGuest } from './support/invented-guests';
import { checkInResident, checkInTwoGuests, makePassportJpeg, pairOnline, waitForPending } from './support/kiosk-flow';
import { revokeAndPairAgain } from './support/revoked-kiosk';
import { expectArrivedOnce, FacilityArrivals, localRecordCounts } from './support/sync-checks';
import { createTestFacility } from './support/test-facility';

/**
 * A kiosk that is revoked and paired again finishes the check-ins it kept: one that the server
 * stored for the earlier device although the kiosk never got the response, and one with passport
 * photos that only the new device sends. Each arrives in the register once, and the tablet is
 * wiped.
 */

const runId = Date.now().toString(36);

jest.setTimeout(420_000);

/** An invented resident; no real person has this name or address. */
const resident = { name: '架空 応答喪失', address: '架空県試験市7-7-7', occupation: '会社員' };

const images = new ImageBucket();

/** Counts the sealed images in the kiosk's own IndexedDB store. */
async function localImageCount(kiosk: Parameters<typeof localRecordCounts>[0]): Promise<number> {
  const counts = await localRecordCounts(kiosk);
  return Object.entries(counts)
    .filter(([store]) => store.startsWith('open-sesame-sealed-images/'))
    .reduce((sum, [, records]) => sum + records, 0);
}

describe('re-paired kiosk finishes kept check-ins', () => {
  let browser: TestBrowser;

  beforeAll(async () => {
    browser = await launchTestBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    images.destroy();
  });

  test('check-in stored before revocation is wiped', async () => {
    const facilityId = `e2e-revoked-stored-${runId}`;
    await createTestFacility({ facilityId, licenceType: 'private-lodging' });
    const arrivals = new FacilityArrivals(facilityId);
    const context = await browser.newContext();
    const kiosk = await pairOnline(context, facilityId);

    // AppSync stores the create, and the network drops before its response reaches the kiosk.
    let cut = 0;
    await context.route(requiredEnv('OS_GRAPHQL_URL'), async (route) => {
      if (cut > 0 || !(route.request().postData() ?? '').includes('createCheckIn')) return route.continue();
      cut += 1;
      await route.fetch();
      await context.setOffline(true);
      await route.abort('internetdisconnected');
    });
    await checkInResident(kiosk, resident);
    await waitForPending(kiosk, 1);
    await arrivals.waitForEntries(1);
    expect(cut).toBe(1);
    await context.unrouteAll({ behavior: 'ignoreErrors' });

    await revokeAndPairAgain(browser, context, kiosk, facilityId, 1);

    await expectArrivedOnce(kiosk, arrivals, 1, [resident.name, resident.address]);
    arrivals.close();
    await context.close();
  });

  test('kept check-in with passport photos arrives', async () => {
    const facilityId = `e2e-revoked-photos-${runId}`;
    await createTestFacility({ facilityId, licenceType: 'private-lodging' });
    const arrivals = new FacilityArrivals(facilityId);
    const context = await browser.newContext();
    const kiosk = await pairOnline(context, facilityId);
    const passportJpeg = await makePassportJpeg(kiosk);

    await context.setOffline(true);
    await kiosk.locator('[data-testid="status-online"][data-online="false"]').waitFor();
    await checkInTwoGuests(kiosk, { resident: residentGuest, foreign: foreignGuest, passportJpeg });
    await kiosk.getByTestId('finish-done').click();
    await waitForPending(kiosk, 1);
    // The passport copy and the face photo, sealed.
    await expect(localImageCount(kiosk)).resolves.toBe(2);

    await revokeAndPairAgain(browser, context, kiosk, facilityId, 1);

    await expectArrivedOnce(kiosk, arrivals, 1, guestSecrets);
    await expect(localImageCount(kiosk)).resolves.toBe(0);
    const [entry] = await arrivals.registerEntries();
    const guests = entry!.guests as { passportImageId?: string; faceImageId?: string }[];
    const imageIds = guests.flatMap((guest) => [guest.passportImageId, guest.faceImageId]).filter((id): id is string => id !== undefined);
    expect(imageIds).toHaveLength(2);
    const tenantId = requiredEnv('OS_DEMO_TENANT_ID');
    const entryId = String(entry!.entryId);
    await expect(images.keys(`register/${tenantId}/${entryId}/`)).resolves.toEqual(
      expect.arrayContaining(imageIds.map((imageId) => registerImageKey(tenantId, entryId, imageId))),
    );
    const checkInId = String(entry!.checkInId);
    // Ingest deletes the uploads under `incoming/<deviceId>/<checkInId>/` once the entry is stored.
    const leftovers = (await images.keys('incoming/')).filter((key) => key.includes(`/${checkInId}/`));
    expect(leftovers).toEqual([]);
    arrivals.close();
    await context.close();
  });
});
