/** A step-by-step panel for creating the OAuth client a provider needs, with links, copy buttons and a Test. */
import { CopyValue } from '../../components/CopyButton';
import { Dialog } from '../../components/Dialog';
import { ExternalLink } from '../../components/ExternalLink';
import { useOnboardingStore } from '../../stores/onboarding-store';
import { ClientSetupForm } from './ClientSetupForm';
import { SETUP_GUIDES } from './setup-guides';

/** The open guide, if any (mounted once by the app shell). */
export function GuidedSetupDialog() {
  const id = useOnboardingStore((state) => state.guide);
  if (!id) return null;
  const guide = SETUP_GUIDES[id];
  const close = () => useOnboardingStore.getState().closeGuide();
  return (
    <Dialog title={guide.title} onClose={close} className="setup-dialog">
      <p>{guide.intro}</p>
      <ol className="setup-steps">
        {guide.steps.map((step) => (
          <li key={step.title}>
            <h3>{step.title}</h3>
            <p>{step.text}</p>
            {step.links && (
              <p className="setup-links">
                {step.links.map((link) => (
                  <ExternalLink key={link.url} url={link.url}>
                    {link.label}
                  </ExternalLink>
                ))}
              </p>
            )}
            {step.copies && (
              <ul className="setup-copies">
                {step.copies.map((copy) => (
                  <li key={copy.value}>
                    <CopyValue value={copy.value} label={copy.label} />
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
        <li>
          <h3>Paste the client ID here and test it</h3>
          <ClientSetupForm guide={guide} />
        </li>
      </ol>
      <div className="form-actions">
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
