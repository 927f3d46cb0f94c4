"""What every stage shares and nothing else: the Problem value with its Chinese/English message
catalogue (`problems`), id syntax (`ids`), did-you-mean hints (`suggest`), how numbers, money and
dates are written for people (`display`), "today" in the programme's time zone (`today`), writes
that survive a crash or a full disk (`atomic`), and pausing the cycle collector (`nogc`). Modules
here import nothing else of kocsite."""
