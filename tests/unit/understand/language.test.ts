import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectLanguage } from '../../../guidance/understand/language';

describe('detectLanguage', () => {
  it.each([
    ['Hi, I have not received my order yet and the tracking page shows nothing. Please help.', 'en'],
    ['Hallo, ich habe meine Bestellung noch nicht erhalten. Bitte helfen Sie mir, danke.', 'de'],
    ["Bonjour, je n'ai pas reçu ma commande et le suivi ne montre rien. Merci de vérifier.", 'fr'],
    ['Hola, todavía no he recibido mi pedido y el seguimiento no muestra nada. Gracias.', 'es'],
    ['Hallo, ik heb mijn bestelling nog niet ontvangen en ik wil graag mijn geld terug.', 'nl'],
    ['Ciao, non ho ancora ricevuto il mio ordine e vorrei un rimborso, grazie.', 'it'],
    ['Olá, ainda não recebi o meu pedido e gostaria de um reembolso, obrigado.', 'pt'],
  ])('%s → %s', (text, lang) => {
    const r = detectLanguage(text);
    expect(r.language).toBe(lang);
    expect(r.confidence).toBeGreaterThan(0.5);
  });

  it('too short or no words: undetermined', () => {
    expect(detectLanguage('ok')).toEqual({ language: 'und', confidence: 0 });
    expect(detectLanguage('Danke!')).toEqual({ language: 'und', confidence: 0 });
    expect(detectLanguage('#48213 €180 2026-03-03')).toEqual({ language: 'und', confidence: 0 });
    expect(detectLanguage('')).toEqual({ language: 'und', confidence: 0 });
  });

  it('English with a German order number and name stays English', () => {
    expect(detectLanguage('Hello, my Bestellnummer is 4711 and I still have not received the parcel from Müller GmbH.').language).toBe('en');
  });

  it('never throws; confidence in 0..1 (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.lorem({ maxCount: 50 })), (text) => {
        const r = detectLanguage(text);
        expect(r.confidence).toBeGreaterThanOrEqual(0);
        expect(r.confidence).toBeLessThanOrEqual(1);
        expect(typeof r.language).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});
