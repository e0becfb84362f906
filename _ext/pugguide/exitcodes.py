"""The ``pugguide`` command's exit statuses, one set for every subcommand: done;
problems in the data (reported); wrong usage."""

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
