const jwt = require("jsonwebtoken")
const { decodeToken } = require("./auth/jwt-handler")

exports.check = function check(token) {
  const claims = jwt.verify(token, process.env.JWT_SECRET)
  return { claims, preview: decodeToken(token) }
}
