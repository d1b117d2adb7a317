"""Runs examples/python once each, non-interactively, and checks what they
print (the examples are documentation that must keep working)."""
import os
import subprocess
import sys
import unittest

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                     '..', '..', '..'))
OPEN = '2026-11-22T10:00+03:00'   # a Sunday morning in Damascus: open


def run(script, *args, stdin=''):
    p = subprocess.run([sys.executable, os.path.join(ROOT, 'examples', 'python', script)]
                       + list(args), input=stdin, capture_output=True, text=True,
                       timeout=60)
    if p.returncode != 0:
        raise AssertionError('%s failed (%d): %s' % (script, p.returncode, p.stderr))
    return p.stdout


class TestExamples(unittest.TestCase):
    def test_text_ivr_complaint_in_arabic(self):
        out = run('text_ivr.py', '--at', OPEN, stdin='\n'.join([
            'أحمد محمد', '٠٥٥٩٨٧٦٥٤٣', 'ahmed@example.com', 'عندي شكوى، الخدمة سيئة جدا',
            'نعم', 'الفاتورة جاتني مرتين والانترنت مقطوع من يومين']) + '\n')
        self.assertIn('bot: من فضلك، ما اسمك الكريم؟', out)
        self.assertIn('[routed to complaints', out)
        self.assertRegex(out, r'\[ticket TKT_\d{8}_\w+: complaint, priority urgent\]')
        self.assertIn('[transfer to complaints now', out)
        self.assertRegex(out, r'crm: ticket TKT_\w+ is open, priority urgent, for \+966\*+43')
        self.assertIn('outcome agent_answered', out)
        self.assertNotIn('559876543', out.split('summary:')[1])  # masked in the CRM line

    def test_text_ivr_english_sales_with_keys(self):
        out = run('text_ivr.py', '--lang', 'en', '--at', OPEN, stdin='\n'.join([
            'Sara Ali', '#0501234567', '.', 'sara dot ali at example dot com',
            'I want to buy the new internet package', '#1']) + '\n')
        self.assertIn('bot: I did not hear anything. Are you still there?', out)
        self.assertIn('[routed to sales', out)
        self.assertIn('[queued for sales', out)
        self.assertIn('department sales, ticket None', out)

    def test_livekit_style_agent_with_fake_host(self):
        out = run('livekit_agent.py', '--at', OPEN)
        self.assertIn('agent (ar, tts): من فضلك، ما اسمك الكريم؟', out)
        self.assertIn('crm: customer أ*** م***, +966*******43', out)  # region SA, masked
        self.assertRegex(out, r'host: ticket TKT_\w+ opened: .*priority urgent, status open')
        self.assertIn('host: transferring the caller to the complaints queue', out)
        self.assertRegex(out, r'crm: call CALL_\w+ status transferred, department complaints, '
                              r'outcome agent_answered')
        self.assertRegex(out, r'crm: (1[0-9]|[2-9][0-9]) transcript turns')


if __name__ == '__main__':
    unittest.main()
