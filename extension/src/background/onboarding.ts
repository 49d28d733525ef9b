/**
 * The extension's own pages opened from elsewhere. Opens the onboarding page once, right after a fresh install, unless IT's policy skips it
 * (managed `showOnboarding: false`). The service worker calls {@link openOnboardingOnInstall}
 * from `chrome.runtime.onInstalled`.
 */

/** The page's path inside the extension. */
export const ONBOARDING_PATH = 'pages/onboarding.html';

/** Whether IT's managed policy asks to skip onboarding. */
async function skippedByPolicy(): Promise<boolean> {
  try {
    const managed = (await chrome.storage.managed.get('showOnboarding')) as { showOnboarding?: unknown };
    return managed.showOnboarding === false;
  } catch {
    return false;
  }
}

/**
 * Handler for `chrome.runtime.onInstalled`: opens the onboarding tab on `install` only (never on
 * update or browser update), at most once per profile.
 */
export async function openOnboardingOnInstall(details: chrome.runtime.InstalledDetails): Promise<void> {
  if (details.reason !== 'install') return;
  const { onboardingShown } = (await chrome.storage.local.get('onboardingShown')) as { onboardingShown?: boolean };
  if (onboardingShown || (await skippedByPolicy())) return;
  await chrome.storage.local.set({ onboardingShown: true });
  await chrome.tabs.create({ url: chrome.runtime.getURL(ONBOARDING_PATH) });
}

/** Opens the options page at one guideline (`#g-<id>`), for «Les hele retningslinjen». */
export async function openGuideline(id: unknown): Promise<null> {
  const anchor = typeof id === 'string' && /^[a-z0-9-]{1,64}$/.test(id) ? `#g-${id}` : '#guidelines';
  await chrome.tabs.create({ url: chrome.runtime.getURL(`pages/options.html${anchor}`) });
  return null;
}
