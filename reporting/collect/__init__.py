"""``make-report collect``: chat messages fetched from the MAX Bot API into ``inputs/chats/max/``,
before anything is read.  The only command that uses the network, and only the MAX API's host."""
