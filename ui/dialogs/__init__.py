"""Small dialogs: the database problem at start, the classifier picker, extension, forwarding."""
