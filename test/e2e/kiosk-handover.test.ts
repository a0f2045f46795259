import { registerImageKey } from '../../lambdas/check-in/image-keys';
import { launchTestBrowser, requiredEnv, type TestBrowser } from './support/browser';
import { ImageBucket } from './support/image-bucket';
import { foreignGuest, guestSecrets, residentGuest } from './support/invented-guests';
import { checkInTwoGuests, makePassportJpeg, pairOnline, waitForPending } from './support/kiosk-flow';
import { revokeAndPairAgain } from './support/revoked-kiosk';
import { expectArrivedOnce, FacilityArrivals } from './support/sync-checks';
import { createTestFacility } from './support/test-facility';

/**
 * A kiosk revoked after AppSync stored its check-in, but before it uploaded the passport photos
 * and marked them uploaded, is paired again for the same facility. The new device uploads the
 * photos it kept and hands the check-in over, so the check-in arrives in the register once.
 */

const runId = Date.now().toString(36);

jest.setTimeout(420_000);

const images = new ImageBucket();

/** Polls until AppSync has stored `count` CheckIn records of the facility, then returns them. */
async function waitForStoredCheckIns(arrivals: FacilityArrivals, count: number, timeoutMs = 120_000): Promise<Record<string, unknown>[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const checkIns = await arrivals.checkIns();
    if (checkIns.length >= count) return checkIns;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms: ${checkIns.length} of ${count} CheckIn records stored.`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

describe('re-paired kiosk hands over check-in', () => {
  let browser: TestBrowser;

  beforeAll(async () => {
    browser = await launchTestBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    images.destroy();
  });

  test('photos unsent at revocation arrive', async () => {
    const facilityId = `e2e-handover-${runId}`;
    await createTestFacility({ facilityId, licenceType: 'private-lodging' });
    const arrivals = new FacilityArrivals(facilityId);
    const context = await browser.newContext();
    const kiosk = await pairOnline(context, facilityId);
    const passportJpeg = await makePassportJpeg(kiosk);

    // The create goes through, and every image upload URL request fails as if the network dropped.
    let blockedUploads = 0;
    await context.route('**/image-uploads', async (route) => {
      blockedUploads += 1;
      await route.abort('internetdisconnected');
    });
    await checkInTwoGuests(kiosk, { resident: residentGuest, foreign: foreignGuest, passportJpeg });
    await kiosk.getByTestId('finish-done').click();
    const [stored] = await waitForStoredCheckIns(arrivals, 1);
    await waitForPending(kiosk, 1);
    expect(stored!.imagesUploaded).toBe(false);
    // The drain requests upload URLs once the server has confirmed the create.
    for (const deadline = Date.now() + 60_000; blockedUploads === 0 && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(blockedUploads).toBeGreaterThan(0);
    await context.setOffline(true);

    await revokeAndPairAgain(browser, context, kiosk, facilityId, 1);
    await context.unrouteAll({ behavior: 'ignoreErrors' });

    await expectArrivedOnce(kiosk, arrivals, 1, guestSecrets);
    const [entry] = await arrivals.registerEntries();
    expect(entry!.checkInId).toBe(stored!.id);
    // Only the handover ingested it: the revoked device's record was never marked uploaded.
    const [record] = await arrivals.checkIns();
    expect(record!.imagesUploaded).toBe(false);
    expect(record!._ttl).toEqual(expect.any(Number));
    const guests = entry!.guests as { passportImageId?: string; faceImageId?: string }[];
    const imageIds = guests.flatMap((guest) => [guest.passportImageId, guest.faceImageId]).filter((id): id is string => id !== undefined);
    expect(imageIds).toHaveLength(2);
    const tenantId = requiredEnv('OS_DEMO_TENANT_ID');
    const entryId = String(entry!.entryId);
    await expect(images.keys(`register/${tenantId}/${entryId}/`)).resolves.toEqual(
      expect.arrayContaining(imageIds.map((imageId) => registerImageKey(tenantId, entryId, imageId))),
    );
    // Neither the revoked device's prefix nor the new device's keeps a sealed upload.
    const leftovers = (await images.keys('incoming/')).filter((key) => key.includes(`/${String(stored!.id)}/`));
    expect(leftovers).toEqual([]);
    arrivals.close();
    await context.close();
  });
});
