"""A real SMTP server for the tests: aiosmtpd on 127.0.0.1:PORT, writing each message it accepts to FOLDER.

Run with Debian's own interpreter (/usr/bin/python3), the only one that can import python3-aiosmtpd:
    /usr/bin/python3 smtp_sink.py PORT FOLDER
Prints "ready" once listening; stops when its standard input closes.
"""
import os
import sys

from aiosmtpd.controller import Controller


class FolderHandler:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = os.path.join(self.folder, f"{self.count:04d}")
        # Envelope recipients first, then the message as received; written before "250", renamed so a reader never
        # sees half a file.
        with open(name + ".tmp", "wb") as f:
            f.write(("X-Envelope-To: " + ", ".join(envelope.rcpt_tos) + "\r\n").encode())
            f.write(envelope.original_content or envelope.content)
        os.replace(name + ".tmp", name + ".eml")
        return "250 Message accepted for delivery"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    controller = Controller(FolderHandler(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
