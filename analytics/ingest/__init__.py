"""Reading uploaded files: decoding, parsing numbers and dates, column roles, validation."""
