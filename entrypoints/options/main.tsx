import { render } from 'preact';
import { Options } from '@/components/options/Options';
import { localizePage, t } from '@/components/i18n';
import '@/components/pages.css';
import '@/components/options/options.css';

localizePage(t('opPageTitle'));
render(<Options />, document.getElementById('app')!);
