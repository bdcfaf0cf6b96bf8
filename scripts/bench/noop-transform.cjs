// The baseline for `jwt-ssot migrate`: a jscodeshift transform that parses every file, as any real
// transform must, and changes nothing (returning undefined marks the file unmodified).
module.exports = function noopTransform(file, api) {
  api.jscodeshift(file.source);
  return undefined;
};
module.exports.parser = 'ts';
