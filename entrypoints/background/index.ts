export default defineBackground(() => {
  console.log('tactline bg');
});
