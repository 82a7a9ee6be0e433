/**
 * Currency symbols, codes and words → ISO 4217. Longest forms first where one is a prefix of another.
 */

/** Symbols and prefixed symbols that may stand before (or after) the number. */
export const CURRENCY_SYMBOLS: ReadonlyArray<readonly [string, string]> = [
  ['US$', 'USD'], ['AU$', 'AUD'], ['A$', 'AUD'], ['CA$', 'CAD'], ['C$', 'CAD'], ['NZ$', 'NZD'],
  ['HK$', 'HKD'], ['S$', 'SGD'], ['R$', 'BRL'], ['MX$', 'MXN'], ['$', 'USD'], ['€', 'EUR'], ['£', 'GBP'],
  ['¥', 'JPY'], ['₹', 'INR'], ['₽', 'RUB'], ['₺', 'TRY'], ['₩', 'KRW'], ['₪', 'ILS'], ['₱', 'PHP'],
  ['₫', 'VND'], ['฿', 'THB'], ['₴', 'UAH'], ['₦', 'NGN'], ['zł', 'PLN'], ['Kč', 'CZK'], ['Ft', 'HUF'],
  ['SFr.', 'CHF'], ['SFr', 'CHF'], ['Fr.', 'CHF'], ['kr.', 'SEK'], ['kr', 'SEK'], ['R', 'ZAR'],
];

/** ISO codes recognised in text (upper or lower case). */
export const CURRENCY_CODES =
  'EUR USD GBP CHF SEK NOK DKK ISK PLN CZK HUF RON BGN HRK RSD UAH RUB TRY JPY CNY RMB HKD TWD KRW SGD ' +
  'MYR THB IDR PHP VND INR PKR AUD NZD CAD MXN BRL ARS CLP COP PEN ZAR EGP NGN KES MAD AED SAR QAR ILS';

/** Currency words that follow a number ("180 euros", "fifty bucks"). */
export const CURRENCY_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['euros', 'EUR'], ['euro', 'EUR'], ['eur', 'EUR'], ['us dollars', 'USD'], ['dollars', 'USD'],
  ['dollar', 'USD'], ['bucks', 'USD'], ['buck', 'USD'], ['pounds sterling', 'GBP'], ['pounds', 'GBP'],
  ['pound', 'GBP'], ['quid', 'GBP'], ['sterling', 'GBP'], ['swiss francs', 'CHF'], ['francs', 'CHF'],
  ['franc', 'CHF'], ['kronor', 'SEK'], ['krona', 'SEK'], ['kroner', 'NOK'], ['krone', 'DKK'],
  ['złoty', 'PLN'], ['zloty', 'PLN'], ['zlotys', 'PLN'], ['yen', 'JPY'], ['yuan', 'CNY'],
  ['rupees', 'INR'], ['rupee', 'INR'], ['pesos', 'MXN'], ['reais', 'BRL'], ['rand', 'ZAR'],
];

/** Minor-unit words: the number is divided by 100 ("50 cents", "20 pence"). */
export const MINOR_WORDS: ReadonlyArray<readonly [string, string | undefined]> = [
  ['cents', undefined], ['cent', undefined], ['pence', 'GBP'], ['eurocents', 'EUR'],
];

export const NUMBER_WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60,
  seventy: 70, eighty: 80, ninety: 90,
};

export const SCALE_WORDS: Record<string, number> = { hundred: 100, thousand: 1000, grand: 1000, million: 1e6, billion: 1e9 };
