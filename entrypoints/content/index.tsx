export default defineContentScript({
  matches: ['https://*.zendesk.com/*'],
  main() { console.log('tactline cs'); },
});
