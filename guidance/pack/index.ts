/** The guidance pack module: format types, loading, validation, canonical form, signatures, diffs. */

export * from './types';
export { validatePack, assertValidPack, PACK_CAPS, PACK_SPEC, PLACEHOLDERS, parsePackDate, type PackProblem, type ValidateResult } from './validate';
export { parsePackText, parsePackBytes, tryParsePackText, detectSyntax, PackLoadError, type PackSyntax, type LoadOptions } from './load';
export { canonicalJson, canonicalBytes, isCanonicalText, sha256Hex } from './canonical';
export {
  verifyPackSignature, keyIdOf, parseSignatureFile, formatSignatureFile, base64Decode, base64Encode,
  SignatureUnsupportedError, SIGNATURE_FORMAT, SIGNATURE_ALG, type PackSignatureFile,
} from './signature';
export { diffPacks, diffValues, formatPackDiff, type PackDiff, type SectionDiff, type FieldChange, type PackSection } from './diff';
