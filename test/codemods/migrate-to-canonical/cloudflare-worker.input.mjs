// Cloudflare Workers run ES modules: @tsndr/cloudflare-worker-jwt has no CommonJS pair.
import jwt from '@tsndr/cloudflare-worker-jwt';

export default {
  async fetch(request) {
    const token = request.headers.get('authorization')?.slice(7) ?? '';
    const verified = await jwt.verify(token, process.env.JWT_SECRET, 'HS256');
    return new Response(verified?.payload.sub ?? 'anonymous');
  },
};

export function peek(token) {
  const { payload } = jwt.decode(token);
  return payload.sub;
}
