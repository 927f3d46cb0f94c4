"""What every stage shares and nothing else: the Problem value with its Chinese/English message
catalogue (`problems`), id syntax (`ids`), did-you-mean hints (`suggest`), how numbers, money and
dates are written for people (`display`), and pausing the cycle collector (`nogc`). Modules here
import nothing else of kocsite."""
