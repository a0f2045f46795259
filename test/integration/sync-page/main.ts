// Browser page for sync-datastore-browser.test.ts: an Amplify v6 DataStore client with the
// kiosk's CheckIn model, driven by the test through `window.syncPage`.
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, signIn } from 'aws-amplify/auth';
import { DataStore, initSchema, syncExpression } from 'aws-amplify/datastore';
import { Hub } from 'aws-amplify/utils';
import { schema } from '../../../kiosk/src/sync/model-schema';

interface PageConfig {
  userPoolId: string;
  userPoolClientId: string;
  cognitoEndpoint: string;
  graphqlUrl: string;
  region: string;
  downloadNothing: boolean;
}

const config = JSON.parse(new URLSearchParams(location.search).get('config')!) as PageConfig;
Amplify.configure({
  Auth: {
    Cognito: {
      userPoolId: config.userPoolId,
      userPoolClientId: config.userPoolClientId,
      userPoolEndpoint: config.cognitoEndpoint,
    },
  },
  API: { GraphQL: { endpoint: config.graphqlUrl, region: config.region, defaultAuthMode: 'userPool' } },
});

const { CheckIn } = initSchema(schema) as { CheckIn: any };

const events: string[] = [];
let ready = false;
Hub.listen('datastore', ({ payload }) => {
  events.push(payload.event);
  if (payload.event === 'ready') ready = true;
});

if (config.downloadNothing) {
  // An id no record can have: the kiosk uploads its own saves but downloads nothing.
  DataStore.configure({
    syncExpressions: [syncExpression(CheckIn, () => (checkIn: any) => checkIn.id.eq('download-nothing'))],
  });
}

(window as any).syncPage = {
  async signIn(username: string, password: string) {
    await signIn({ username, password, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    return (await fetchAuthSession()).tokens?.accessToken?.payload.sub ?? null;
  },
  async start() {
    await DataStore.start();
  },
  async save(id: string) {
    const saved = await DataStore.save(
      new CheckIn({
        facilityId: 'facility-1',
        arrivalDate: '2026-05-01',
        departureDate: '2026-05-03',
        guestCount: 1,
        imageIds: [],
        imagesUploaded: false,
        sealed: JSON.stringify({ v: 1, ciphertext: id }),
      }),
    );
    return saved.id as string;
  },
  async localCount() {
    return (await DataStore.query(CheckIn)).length;
  },
  events: () => events,
  isReady: () => ready,
};
(window as any).syncPageLoaded = true;
