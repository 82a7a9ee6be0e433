import { render } from 'preact';
import { CanI } from '@/components/CanI';
import { localizePage, t } from '@/components/i18n';
import '@/components/pages.css';

localizePage(t('ciPageTitle'));
render(
  <main class="tl-page tl-full">
    <h1>{t('ciTitle')}</h1>
    <p class="tl-muted">{t('ciIntro')}</p>
    <CanI />
  </main>,
  document.getElementById('app')!,
);
