#!/usr/bin/python3
"""Processes a user-data file exactly as a booting machine's cloud-init does (the real
UserDataProcessor, part handlers and cloudinit.mergers from Debian's cloud-init package) and prints
JSON: the content type of every part and the merged cloud-config. --dump-parts=DIR writes every
part's payload there (part-NNN.txt), as cloud-init split it. With --apply-ca-certs it then runs the
real ca_certs module on the merged config (root only; meant for a private mount namespace)."""
import json
import logging
import sys
import tempfile

from cloudinit import handlers, helpers, util
from cloudinit.handlers.cloud_config import CloudConfigPartHandler
from cloudinit.handlers.jinja_template import JinjaTemplatePartHandler
from cloudinit.handlers.shell_script import ShellScriptPartHandler
from cloudinit.settings import PER_INSTANCE
from cloudinit.user_data import UserDataProcessor


def dump_parts(msg, target):
    written = []
    parts = [p for p in msg.walk() if p.get_content_maintype() != "multipart"]
    for i, part in enumerate(parts):
        path = "%s/part-%03d.txt" % (target, i + 1)
        payload = util.fully_decoded_payload(part)
        with open(path, "wb") as f:
            f.write(payload.encode("utf-8", "surrogateescape") if isinstance(payload, str) else payload)
        written.append({"file": path, "type": part.get_content_type()})
    return written


def boot(blob, workdir, dump_to=None):
    paths = helpers.Paths({"cloud_dir": workdir, "run_dir": workdir})
    instance = paths.get_ipath_cur()
    util.ensure_dir(instance)
    # Jinja parts render against instance data; give them a minimal one.
    util.write_file(paths.get_runpath("instance_data_sensitive"), json.dumps({"v1": {"local_hostname": "node1"}}))
    msg = UserDataProcessor(paths).process(blob)
    parts = [p.get_content_type() for p in msg.walk() if p.get_content_maintype() != "multipart"]
    dumped = dump_parts(msg, dump_to) if dump_to else []
    cc = CloudConfigPartHandler(paths=paths)
    cc.cloud_fn = workdir + "/cloud-config.txt"
    sh = ShellScriptPartHandler(paths=paths)
    jinja = JinjaTemplatePartHandler(paths=paths, sub_handlers=[cc, sh])
    registry = helpers.ContentHandlers()
    for mod in (cc, sh, jinja):
        registry.register(mod)
    data = {"handlers": registry, "handlerdir": workdir, "data": None, "frequency": PER_INSTANCE,
            "handlercount": 0, "excluded": []}
    for mod in (cc, sh, jinja):
        handlers.call_begin(mod, None, PER_INSTANCE)
    handlers.walk(msg, handlers.walker_callback, data=data)
    for mod in (cc, sh, jinja):
        handlers.call_end(mod, None, PER_INSTANCE)
    merged = util.load_yaml(util.load_file(cc.cloud_fn)) or {}
    return parts, merged, dumped


def main():
    args = sys.argv[1:]
    apply = "--apply-ca-certs" in args
    dump_to = next((a.split("=", 1)[1] for a in args if a.startswith("--dump-parts=")), None)
    path = [a for a in args if not a.startswith("--")][0]
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    with open(path, "rb") as f:
        blob = f.read()
    with tempfile.TemporaryDirectory() as workdir:
        parts, merged, dumped = boot(blob, workdir, dump_to)
    # What cc_ca_certs will read: ca_certs wins over ca-certs when both are present.
    effective = merged.get("ca_certs", merged.get("ca-certs"))
    print(json.dumps({"parts": parts, "dumped": dumped, "config": merged, "effective_ca_certs": effective}, default=str))
    if apply:
        from cloudinit.config import cc_ca_certs

        class Distro:
            name = "debian"

        class Cloud:
            distro = Distro()

        cc_ca_certs.handle("ca_certs", merged, Cloud(), logging.getLogger("ca_certs"), [])


main()
