/**
 * The direct side of the kiosk drain benchmark: check-ins built and sealed by the kiosk's own
 * code (payload builder and `sealCheckIn`, run on Node.js Web Crypto), sent as the same
 * `createCheckIn` mutation that DataStore sent during the drain.
 */
import { randomUUID } from 'node:crypto';
import type { Page, Request } from 'playwright-core';
import { createGuestForm } from '../kiosk/src/check-in/check-in-form';
import { buildCheckInPayload } from '../kiosk/src/check-in/check-in-payload';
import { registerFieldsFor } from '../kiosk/src/check-in/register-fields';
import type { PairedDevice } from '../kiosk/src/device/paired-device';
import type { GuestLanguage } from '../kiosk/src/i18n/locales';
import { sealCheckIn } from '../kiosk/src/sealing/seal-check-in';

/** A GraphQL request as DataStore sends it: the document and its variables. */
export interface GraphqlRequest {
  query: string;
  variables: { input: Record<string, unknown> } & Record<string, unknown>;
}

/** The stored fields of a drained CheckIn record that the direct check-ins copy. */
export interface DrainedCheckIn {
  arrivalDate: string;
  departureDate: string;
  guestCount: number;
  imageIds: string[];
  imagesUploaded: boolean;
  appVersion?: string | null;
}

/**
 * Starts recording the first `createCheckIn` request the page sends to `graphqlUrl`. The
 * returned function stops recording and returns that request, or throws when there was none.
 */
export function recordFirstCreateCheckIn(page: Page, graphqlUrl: string): () => GraphqlRequest {
  let recorded: GraphqlRequest | undefined;
  const listener = (request: Request): void => {
    if (request.method() !== 'POST' || request.url() !== graphqlUrl) return;
    const body = request.postDataJSON() as Partial<GraphqlRequest> | null;
    if (!body?.query?.includes('createCheckIn') || !body.variables?.input) return;
    recorded = body as GraphqlRequest;
    page.off('request', listener);
  };
  page.on('request', listener);
  return () => {
    page.off('request', listener);
    if (!recorded) throw new Error(`The kiosk sent no createCheckIn request to ${graphqlUrl} during the drain.`);
    return recorded;
  };
}

/**
 * Builds `count` check-ins of one resident of Japan each, as the kiosk's resident flow in
 * Japanese builds them, sealed under the device's public key. Each copies the drained record's
 * stored fields and gets a fresh id, guest id and invented name. The variables keep every
 * other variable of DataStore's request, and the input must have exactly its fields.
 */
export async function sealDirectCheckIns(input: {
  device: PairedDevice;
  drained: DrainedCheckIn;
  datastoreRequest: GraphqlRequest;
  count: number;
  firstGuestNumber: number;
}): Promise<GraphqlRequest['variables'][]> {
  const { device, drained, datastoreRequest } = input;
  if (drained.guestCount !== 1 || drained.imageIds.length !== 0 || drained.imagesUploaded !== true) {
    throw new Error(
      `Expected drained check-ins of one resident without images (imagesUploaded true), found guestCount ${drained.guestCount}, ${drained.imageIds.length} images, imagesUploaded ${drained.imagesUploaded}.`,
    );
  }
  const language: GuestLanguage = 'ja';
  const stay = { arrivalDate: drained.arrivalDate, departureDate: drained.departureDate, guestCount: '1' };
  const expectedFields = Object.keys(datastoreRequest.variables.input).sort().join(', ');

  const variables: GraphqlRequest['variables'][] = [];
  for (let index = 0; index < input.count; index += 1) {
    const checkInId = randomUUID();
    const guest = {
      ...createGuestForm(randomUUID()),
      name: `Bench Guest ${input.firstGuestNumber + index}`,
      address: '1-2-3 Kasou, Fictional City',
      occupation: 'Tester',
      hasAddressInJapan: true,
    };
    const { payload } = buildCheckInPayload({
      checkInId,
      facilityId: device.facility.id,
      stay,
      guests: [guest],
      language,
      fields: registerFieldsFor(device.facility.licenceType),
      acceptedAt: new Date(),
    });
    const sealed = await sealCheckIn(checkInId, payload, [], device.sealingKey);
    const checkIn = {
      id: checkInId,
      facilityId: device.facility.id,
      arrivalDate: drained.arrivalDate,
      departureDate: drained.departureDate,
      guestCount: drained.guestCount,
      imageIds: drained.imageIds,
      imagesUploaded: drained.imagesUploaded,
      sealed: JSON.stringify(sealed.envelope),
      appVersion: drained.appVersion ?? null,
    };
    const fields = Object.keys(checkIn).sort().join(', ');
    if (fields !== expectedFields) {
      throw new Error(`Direct check-in input has fields ${fields}, but DataStore sent ${expectedFields}.`);
    }
    variables.push({ ...datastoreRequest.variables, input: checkIn });
  }
  return variables;
}

/**
 * Sends each request from the page, one after another, with the device's Cognito ID token, as
 * DataStore's outbox sends its mutations. Returns the error message of every failed one.
 */
export function sendMutationsFromPage(
  page: Page,
  request: { graphqlUrl: string; idToken: string; query: string; variables: GraphqlRequest['variables'][] },
): Promise<string[]> {
  return page.evaluate(async ({ graphqlUrl, idToken, query, variables }) => {
    const failures: string[] = [];
    for (const oneRequest of variables) {
      const response = await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: idToken },
        body: JSON.stringify({ query, variables: oneRequest }),
      });
      const body = (await response.json()) as { errors?: { message: string }[] };
      if (!response.ok || body.errors) failures.push(body.errors?.[0]?.message ?? `HTTP ${response.status}`);
    }
    return failures;
  }, request);
}
