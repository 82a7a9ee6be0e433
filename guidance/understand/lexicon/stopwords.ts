/**
 * Short stopword profiles per language: the most frequent function words, chosen so that the lists
 * overlap as little as possible (words shared by several languages are left out or kept in one only).
 */
export const STOPWORDS: Record<string, string> = {
  en:
    'the and is are was were have has had not you your my me i it this that with for of to in on at be been ' +
    "would could should will can can't don't didn't it's i'm i've there their they what which when please " +
    'thanks thank hi hello order refund still yet just but from about an any our we us do does did',
  de:
    'der die das und ist nicht ich sie wir ein eine einen einem mit auf für von zu den dem des auch noch ' +
    'bitte danke hallo meine mein meinen ihr ihre haben habe hat war wurde werden kann können nach bei aus ' +
    'wie was warum wann oder aber sehr schon nur bis über keine kein dass sind bestellung hallo guten tag',
  fr:
    'le la les et est pas je vous nous un une des du de au aux avec pour sur dans ce cette mon ma mes votre ' +
    "vos ai avez avons été être merci bonjour mais ou qui que quoi pourquoi quand ne n'ai j'ai c'est il elle " +
    'très déjà encore commande remboursement',
  es:
    'el la los las y es no yo usted un una unos unas del de con para por en mi mis su sus que qué pero ' +
    'hola gracias muy ya todavía pedido reembolso está están estoy tengo tiene he ha han cuando porque ' +
    'como cómo dónde nos le lo se fue',
  nl:
    'de het een en is niet ik u je jij wij we met voor van op aan bij mijn uw zijn heb heeft hebben was ' +
    'werd kan kunnen naar ook nog al maar of wat waarom wanneer hoe dank bedankt hallo graag bestelling ' +
    'geld terug alstublieft dat deze dit er geen',
  it:
    'il lo la gli le e è non io lei un una uno del della dei delle di con per su nel nella mio mia miei ' +
    'suo sua che ma perché quando come dove grazie buongiorno ciao ho ha hanno sono stato ancora già ' +
    'ordine rimborso molto anche',
  pt:
    'o a os as e é não eu você um uma uns umas do da dos das de com para por em no na meu minha seu sua ' +
    'que mas porque quando como onde obrigado obrigada olá tenho tem foi está estou ainda já pedido ' +
    'reembolso muito também ao à',
};

/** Characters that only some of the languages use: a small extra vote. */
export const CHAR_HINTS: Record<string, string> = {
  de: 'äöüß',
  fr: 'çèêëîïôœùûÿ',
  es: 'ñ¿¡',
  pt: 'ãõç',
  it: 'ìò',
  nl: '',
  en: '',
};
