import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

/** The reference server for delivery benchmarks: Debian's nginx serving a directory with sendfile. */
export interface NginxServer {
  url: string;
  stop(): Promise<void>;
}

const NGINX = process.env.NGINX_BIN ?? '/usr/sbin/nginx';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A minimal static-file nginx.conf, tuned the way an edge would be (sendfile, no access log). */
export function nginxConf(options: { root: string; port: number; workDir: string; runAsRoot: boolean }): string {
  const { root, port, workDir } = options;
  return `${options.runAsRoot ? 'user root;\n' : ''}daemon off;
worker_processes auto;
pid ${workDir}/nginx.pid;
error_log ${workDir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${workDir}/client;
  proxy_temp_path ${workDir}/proxy;
  fastcgi_temp_path ${workDir}/fastcgi;
  uwsgi_temp_path ${workDir}/uwsgi;
  scgi_temp_path ${workDir}/scgi;
  types { video/iso.segment m4s; video/mp4 mp4; application/vnd.apple.mpegurl m3u8; application/dash+xml mpd; }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location /media/ {
      add_header Cache-Control "public, max-age=31536000, immutable";
      add_header Access-Control-Allow-Origin "*";
    }
  }
}
`;
}

/** Starts nginx over `root` with its config, pid and temp files under `workDir`; resolves once it answers `probePath`. */
export async function startNginx(root: string, workDir: string, probePath: string): Promise<NginxServer> {
  const port = await freePort();
  const conf = path.join(workDir, 'nginx.conf');
  // Workers run as `nobody` by default and could not read a 0700 temp dir; as root, keep root.
  await fs.writeFile(conf, nginxConf({ root, port, workDir, runAsRoot: process.getuid?.() === 0 }));
  return spawnNginx(conf, workDir, `http://127.0.0.1:${port}`, probePath);
}

/**
 * Runs nginx in the foreground on config `conf` (it must say `daemon off;`) as a child process; resolves
 * once `url + probePath` answers 2xx. `stop()` quits gracefully and waits for the master to exit.
 */
export async function spawnNginx(conf: string, workDir: string, url: string, probePath: string): Promise<NginxServer> {
  const child: ChildProcess = spawn(NGINX, ['-c', conf, '-p', workDir, '-e', path.join(workDir, 'error.log')], { stdio: ['ignore', 'ignore', 'inherit'] });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (exited) throw new Error(`nginx exited at start; see ${workDir}/error.log`);
    const ok = await fetch(url + probePath).then((r) => r.arrayBuffer().then(() => r.ok), () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error('nginx did not answer within 10 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: async () => {
      if (!exited) child.kill('SIGQUIT'); // graceful: the master stops its workers
      await exit;
    },
  };
}
