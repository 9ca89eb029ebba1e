# A real SMTP server for the tests (Debian's python3-aiosmtpd). Each accepted message is saved as
# <queue id>.json in --dir: envelope sender and recipients, whether TLS and AUTH were used, and the
# raw content. Recipients named nobody@ are refused with 550, busy@ with 451. It prints "ready"
# once it accepts connections, or "address in use" and exits when --port is taken. It stops when
# its standard input closes.
import argparse, errno, json, logging, os, ssl, sys, warnings
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--dir", required=True)
parser.add_argument("--user")
parser.add_argument("--password")
parser.add_argument("--tls", choices=["none", "starttls", "implicit"], default="none")
parser.add_argument("--cert")
parser.add_argument("--key")
args = parser.parse_args()
warnings.simplefilter("ignore")
logging.disable(logging.WARNING)


class Handler:
    def __init__(self):
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if local == "nobody":
            return "550 5.1.1 <%s>: Recipient address rejected: mailbox unavailable" % address
        if local == "busy":
            return "451 4.2.1 <%s>: mailbox busy, try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        queue_id = "Q%06d" % self.count
        record = {
            "queue_id": queue_id,
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "login": session.auth_data.login.decode() if session.authenticated else None,
            "content": envelope.original_content.decode("utf-8", "replace"),
        }
        path = os.path.join(args.dir, queue_id + ".json")
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(record, f)
        os.replace(path + ".tmp", path)
        return "250 2.0.0 Ok: queued as " + queue_id


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword)
          and auth_data.login.decode() == args.user and auth_data.password.decode() == args.password)
    return AuthResult(success=ok, handled=False, auth_data=auth_data, message=None if ok else "535 5.7.8 Authentication credentials invalid")


context = None
if args.tls != "none":
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)

options = dict(hostname="127.0.0.1", port=args.port, auth_require_tls=False, decode_data=False)
if args.user:
    options.update(authenticator=authenticate, auth_required=True)
if args.tls == "starttls":
    options.update(tls_context=context)
elif args.tls == "implicit":
    options.update(ssl_context=context)

controller = Controller(Handler(), **options)
try:
    controller.start()
except OSError as error:
    if error.errno != errno.EADDRINUSE:
        raise
    print("address in use", flush=True)
    sys.exit(1)
print("ready", flush=True)
sys.stdin.read()
controller.stop()
