import { render } from 'preact';
import { Popup } from '@/components/Popup';
import { localizePage, t } from '@/components/i18n';
import '@/components/pages.css';

localizePage(t('extName'));
render(<Popup />, document.getElementById('app')!);
