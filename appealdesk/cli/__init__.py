"""The command line: ``appealdesk-cli``. It only calls the service layer."""
