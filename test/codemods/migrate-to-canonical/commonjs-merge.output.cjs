const { decodeToken, validateToken } = require("./auth/jwt-handler")

exports.check = function check(token) {
  const claims = validateToken(token)
  return { claims, preview: decodeToken(token) }
}
