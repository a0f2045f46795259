/** The kiosk build's version, `<package.json version>+<git commit>`, set by kiosk/vite.config.mts. */
export const appVersion: string = import.meta.env.VITE_APP_VERSION ?? 'dev';
