// The annotation page's style sheet, served as /app.css (the content security policy allows no inline style).
export const PAGE_STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", "Liberation Sans", sans-serif; margin: 0; color: #1d2330; background: #f6f7f9; }
header { display: flex; justify-content: space-between; align-items: center; padding: 10px 20px; background: #fff; border-bottom: 1px solid #dde1e7; }
header h1 { font-size: 17px; margin: 0; }
main { padding: 12px 20px 40px; max-width: 1400px; margin: 0 auto; }
.progress { font-size: 14px; }
progress { width: 180px; vertical-align: middle; }
.dialogues { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.dialogue { background: #fff; border: 1px solid #dde1e7; border-radius: 6px; padding: 10px 14px; max-height: 52vh; overflow-y: auto; }
.dialogue h2 { font-size: 15px; margin: 4px 0 8px; position: sticky; top: -10px; background: #fff; padding: 4px 0; }
.turn { margin: 6px 0; line-height: 1.4; font-size: 14px; }
.turn .speaker { font-weight: 600; margin-right: 6px; }
.turn.supporter .speaker { color: #1f5fa8; }
.turn.seeker .speaker { color: #8a4b0f; }
.criteria { margin-top: 14px; background: #fff; border: 1px solid #dde1e7; border-radius: 6px; }
.criterion { display: grid; grid-template-columns: 150px 1fr auto; gap: 12px; align-items: center; padding: 8px 14px; border-top: 1px solid #eef0f3; cursor: pointer; }
.criterion:first-child { border-top: none; }
.criterion.active { background: #fff7d6; outline: 2px solid #e0b000; }
.criterion .name { font-weight: 600; }
.criterion .definition { font-size: 13px; color: #4a5263; }
.criterion button { font-size: 13px; padding: 5px 10px; margin-left: 4px; border: 1px solid #b8bfcc; background: #fff; border-radius: 4px; cursor: pointer; }
.criterion button.chosen { background: #1f5fa8; border-color: #1f5fa8; color: #fff; }
.help { font-size: 13px; color: #4a5263; margin: 10px 0; }
kbd { border: 1px solid #b8bfcc; border-radius: 3px; padding: 0 4px; font-size: 12px; background: #fff; }
nav { display: flex; gap: 16px; margin-top: 10px; font-size: 14px; }
#status { font-size: 13px; color: #2b6b2b; }
#status.error { color: #b00020; font-weight: 600; }
.practice-banner { background: #e8f1fb; border: 1px solid #b7d0ee; border-radius: 6px; padding: 6px 12px; margin-bottom: 10px; font-size: 14px; }
.instructions { background: #fff; border: 1px solid #dde1e7; border-radius: 6px; padding: 16px 20px; max-width: 820px; }
.instructions .consent { border-top: 1px solid #dde1e7; margin-top: 14px; padding-top: 10px; }
.instructions button { font-size: 16px; padding: 6px 14px; }
.criterion button.clear { color: #6a7080; }
.criterion button kbd { color: #1d2330; margin-right: 2px; }
#completion-code { font-family: ui-monospace, monospace; font-size: 18px; background: #fff; border: 1px solid #b8bfcc; padding: 4px 10px; }
`;
