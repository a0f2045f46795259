import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createGuestForm, createStayForm, type GuestForm, type StayForm } from './check-in/check-in-form';
import { registerFieldsFor } from './check-in/register-fields';
import { saveCheckIn } from './check-in/save-check-in';
import { isStayComplete } from './check-in/stay-completion';
import { loadKioskConfig, type KioskConfig } from './config/kiosk-config';
import { forgetFacilitySettings, houseRulesFor, readFacilitySettings } from './device/facility-settings';
import { clearDeviceRevoked, isDeviceMarkedRevoked, markDeviceRevoked } from './device/heartbeat';
import { forgetPairedDevice, readPairedDevice, type PairedDevice } from './device/paired-device';
import { useHeartbeat } from './device/useHeartbeat';
import type { GuestLanguage } from './i18n/locales';
import { IdleWarning, useIdleTimeout } from './idle/IdleWarning';
import { FinishScreen } from './screens/FinishScreen';
import { GuestScreen } from './screens/GuestScreen';
import { LanguageScreen } from './screens/LanguageScreen';
import { PairingScreen } from './screens/PairingScreen';
import { RevokedScreen } from './screens/RevokedScreen';
import { RulesScreen } from './screens/RulesScreen';
import { StayScreen } from './screens/StayScreen';
import { StatusLine } from './status/StatusLine';

type SyncModule = typeof import('./sync');

/** The guest flow's steps, in order. */
type Step =
  | { kind: 'language' }
  | { kind: 'stay' }
  | { kind: 'guest'; index: number }
  | { kind: 'rules' }
  | { kind: 'finish' };

/** Form state of the check-in in progress; it lives only in this component's memory. */
interface CheckInDraft {
  language: GuestLanguage;
  stay: StayForm;
  guests: GuestForm[];
}

const newDraft = (): CheckInDraft => ({
  language: 'ja',
  stay: createStayForm(new Date()),
  guests: [createGuestForm(crypto.randomUUID())],
});

/**
 * Forgets the revoked pairing and reloads to the pairing screen. Sealed check-ins stay in the
 * outbox and image store, so pairing again deletes nothing. A pairing code goes back into the
 * URL, where the next start takes it and pairs at once, as on a first start.
 */
function pairAgain(pairingCode?: string): void {
  forgetPairedDevice();
  forgetFacilitySettings();
  clearDeviceRevoked();
  if (!pairingCode) {
    window.location.reload();
    return;
  }
  const url = new URL(window.location.href);
  url.searchParams.set('pairingCode', pairingCode);
  window.location.replace(url);
}

/** Reads and removes `?pairingCode=` so that the code does not stay in the address bar. */
function takePairingCodeFromUrl(): string {
  const url = new URL(window.location.href);
  const code = url.searchParams.get('pairingCode') ?? '';
  if (code) {
    url.searchParams.delete('pairingCode');
    window.history.replaceState(null, '', url);
  }
  return code;
}

export function App() {
  const { t, i18n } = useTranslation();
  const [config, setConfig] = useState<KioskConfig>();
  const [configFailed, setConfigFailed] = useState(false);
  const [device, setDevice] = useState<PairedDevice | undefined>(() => readPairedDevice());
  const [pairingCode, setPairingCode] = useState(takePairingCodeFromUrl);
  const [sync, setSync] = useState<SyncModule>();
  const [step, setStep] = useState<Step>({ kind: 'language' });
  const [draft, setDraft] = useState<CheckInDraft>(newDraft);
  const [finishDoorCode, setFinishDoorCode] = useState<string>();
  const [settings, setSettings] = useState(readFacilitySettings);
  const [revoked, setRevoked] = useState(isDeviceMarkedRevoked);
  const [revokedPendingCount, setRevokedPendingCount] = useState<number>();
  // False while the heartbeat gets no response from the API although the browser is online.
  const [serverReachable, setServerReachable] = useState(true);
  const pendingCount = useMemo(() => sync?.pendingCount(), [sync]);
  const previousFacilityCount = useMemo(() => sync?.previousFacilityCheckIns(), [sync]);

  const restart = useCallback(() => {
    setDraft(newDraft());
    setFinishDoorCode(undefined);
    void i18n.changeLanguage('ja');
    setStep({ kind: 'language' });
  }, [i18n]);

  // Idle for 2 minutes in the middle of a check-in: warn, then wipe everything typed.
  const inForm = step.kind === 'stay' || step.kind === 'guest' || step.kind === 'rules';
  const idle = useIdleTimeout(inForm && !revoked, restart);

  const sendHeartbeatNow = useHeartbeat(revoked ? undefined : config, device, sync, {
    onSettings: (facilitySettings) => {
      setSettings(facilitySettings);
      // The device is active, so a code from the URL must not pair it again after a later revocation.
      setPairingCode('');
    },
    onRevoked: () => {
      markDeviceRevoked();
      setRevoked(true);
    },
    onReachable: setServerReachable,
  });

  // A revoked device leaves the guest flow at once, keeping the language on screen. The sync
  // module wipes a record only once the server has confirmed it, and Cognito and AppSync reject
  // a revoked device, so every unsent check-in stays on the tablet. After staff pair the tablet
  // again with the same facility, the drain sends them with the new credentials. Check-ins of
  // another facility stay on the tablet unsent.
  useEffect(() => {
    if (!revoked) return;
    setDraft(newDraft());
    setFinishDoorCode(undefined);
    setStep({ kind: 'language' });
    if (!sync) return;
    return sync.pendingCount().subscribe(setRevokedPendingCount);
  }, [revoked, sync]);

  // A revoked kiosk opened with `?pairingCode=` pairs again with that code, as a new kiosk does.
  // That includes a kiosk whose first heartbeat after loading finds it revoked.
  useEffect(() => {
    if (revoked && pairingCode) pairAgain(pairingCode);
  }, [revoked, pairingCode]);

  // A local store that could not be wiped in place is wiped by a reload, once no guest is
  // in the middle of a check-in.
  const [reloadNeeded, setReloadNeeded] = useState(false);
  useEffect(() => sync?.onReloadNeeded(() => setReloadNeeded(true)), [sync]);
  useEffect(() => {
    if (reloadNeeded && step.kind === 'language') window.location.reload();
  }, [reloadNeeded, step]);

  useEffect(() => {
    loadKioskConfig().then(setConfig, (error: unknown) => {
      console.error('Kiosk configuration failed to load', { error });
      setConfigFailed(true);
    });
  }, []);

  // Amplify and DataStore load only after the first screen is up, keeping them out of the
  // first-load chunk.
  useEffect(() => {
    if (!config || !device) return;
    let cancelled = false;
    import('./sync')
      .then(async (module) => {
        await module.initSync(config, device);
        if (!cancelled) setSync(module);
      })
      .catch((error: unknown) => console.error('Sync failed to start', { error }));
    return () => {
      cancelled = true;
    };
  }, [config, device]);

  if (configFailed) return <p className="screen" role="alert">{t('startup.configFailed')}</p>;
  if (!config) return <p className="screen">{t('startup.loading')}</p>;
  if (!device) {
    return (
      <PairingScreen
        config={config}
        initialCode={pairingCode}
        onPaired={(paired) => {
          // The code is used up, so a later revocation must not try to pair with it again.
          setPairingCode('');
          setDevice(paired);
        }}
      />
    );
  }
  if (revoked) {
    return (
      <div className="app">
        <main>
          <RevokedScreen
            language={i18n.language as GuestLanguage}
            pendingCount={revokedPendingCount}
            onPairAgain={() => pairAgain()}
          />
        </main>
      </div>
    );
  }

  const guestCount = draft.guests.length;
  const fields = registerFieldsFor(device.facility.licenceType);

  function startGuests() {
    const count = Number(draft.stay.guestCount);
    const guests = Array.from(
      { length: count },
      (_, index) => draft.guests[index] ?? createGuestForm(crypto.randomUUID()),
    );
    setDraft({ ...draft, guests });
    setStep({ kind: 'guest', index: 0 });
  }

  function updateGuest(index: number, guest: GuestForm) {
    setDraft({ ...draft, guests: draft.guests.map((old, i) => (i === index ? guest : old)) });
  }

  async function consent(acceptedAt: Date) {
    if (!sync || !device) throw new Error('Sync is not ready; the check-in cannot be saved yet.');
    const complete = isStayComplete(draft.stay, draft.guests, fields);
    await saveCheckIn(sync.submitCheckIn, device, { ...draft, acceptedAt });
    setFinishDoorCode(complete ? settings.doorCode : undefined);
    setDraft(newDraft());
    setStep({ kind: 'finish' });
  }

  let screen: React.ReactNode;
  switch (step.kind) {
    case 'language':
      screen = (
        <LanguageScreen
          onChoose={(language) => {
            // A kiosk revoked while online and idle would otherwise show the revoked screen only
            // at the next minute's heartbeat, possibly after the guest has typed their details.
            sendHeartbeatNow();
            setDraft({ ...newDraft(), language });
            setStep({ kind: 'stay' });
          }}
        />
      );
      break;
    case 'stay':
      screen = (
        <StayScreen
          stay={draft.stay}
          onChange={(stay) => setDraft({ ...draft, stay })}
          onNext={startGuests}
          onBack={restart}
        />
      );
      break;
    case 'guest': {
      const { index } = step;
      screen = (
        <GuestScreen
          key={draft.guests[index].guestId}
          guest={draft.guests[index]}
          index={index + 1}
          count={guestCount}
          fields={fields}
          onChange={(guest) => updateGuest(index, guest)}
          onNext={() =>
            setStep(index + 1 < guestCount ? { kind: 'guest', index: index + 1 } : { kind: 'rules' })
          }
          onBack={() => setStep(index > 0 ? { kind: 'guest', index: index - 1 } : { kind: 'stay' })}
        />
      );
      break;
    }
    case 'rules':
      screen = (
        <RulesScreen
          houseRules={houseRulesFor(settings, draft.language)}
          onConsent={consent}
          onBack={() => setStep({ kind: 'guest', index: guestCount - 1 })}
        />
      );
      break;
    case 'finish':
      screen = <FinishScreen doorCode={finishDoorCode} onDone={restart} />;
      break;
  }

  return (
    <div className="app">
      <main>{screen}</main>
      {idle.warning && <IdleWarning onContinue={idle.dismiss} />}
      <StatusLine pendingCount={pendingCount} previousFacilityCount={previousFacilityCount} serverReachable={serverReachable} />
    </div>
  );
}
