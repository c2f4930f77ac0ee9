/* Checklist logic, no DOM. ChecklistCore.create({version,scale:[labels],themes:[{id,title,questions:[ids]}]}).
 Answers {questionId:score}: by stable id, never by position. Compact: the site's JS budget. */
window.ChecklistCore={KEY:"wegwijzer-checklist-v1",create(S){
const K=this.KEY,V=S.version,M=S.scale.length,ids=S.themes.flatMap(t=>t.questions),F="wegwijzer-checklist",
N=" Er is niets geïmporteerd.",BAD={error:"Deze deellink is beschadigd of aangepast. Vraag de afzender om een nieuwe link."},
ok=s=>Number.isInteger(s)&&s>0&&s<=M,
avg=a=>a.length?a.reduce((x,y)=>x+y)/a.length:null,
pick=a=>{const o={};for(const q of ids)if(a&&ok(a[q]))o[q]=a[q];return o},
norm=r=>({date:r.date,name:(r.name||"").trim().slice(0,80),checklistVersion:V,answers:pick(r.answers)}),
ver=v=>`versie ${String(v).slice(0,9)} van de checklist; deze pagina gebruikt versie ${V}.`,
sum=s=>{let h=7;for(const c of s)h=(h*31+c.charCodeAt())%1296;return h.toString(36).padStart(2,0)},
key=r=>JSON.stringify([r.date,r.name,ids.map(q=>r.answers[q]||0)]),
// CSV cell; a leading = + - @ would run as a spreadsheet formula
cell=v=>(v=String(v).replace(/^[=+\-@\t\r]/,"'$&"),/[",\r\n]/.test(v)?`"${v.replace(/"/g,'""')}"`:v),
fix=m=>m==null?"":+m.toFixed(2);

// theme = mean of its answered questions; total = mean of the theme scores; aandachtspunten = scores 1 and 2
function score(a){
 const th=S.themes.map(t=>{const s=t.questions.map(q=>a[q]).filter(ok);return{id:t.id,title:t.title,mean:avg(s),n:s.length,m:t.questions.length}});
 return{themes:th,overall:avg(th.filter(t=>t.n).map(t=>t.mean)),n:th.reduce((x,t)=>x+t.n,0),m:ids.length,attention:ids.filter(q=>ok(a[q])&&a[q]<3)}
}
// what is wrong with measurement i, or ""
function check(r,i){
 const w="Meting "+(i+1),d=new Date(r&&r.date);
 if(!r||typeof r.answers!="object"||!r.answers)return w+" heeft geen antwoorden.";
 if(typeof r.date!="string"||!/^\d{4}-\d\d-\d\d$/.test(r.date)||isNaN(d)||d.toISOString().slice(0,10)!=r.date)return w+" heeft geen geldige datum.";
 if(typeof(r.name||"")!="string")return w+": de naam is geen tekst.";
 if(r.checklistVersion!==V)return w+" hoort bij "+ver(r.checklistVersion);
 for(const[q,s]of Object.entries(r.answers)){
  if(!ids.includes(q))return`${w} noemt een onbekende vraag: “${q.slice(0,40)}”.`;
  if(!ok(s))return`${w}: de score bij vraag ${q} moet 1 tot en met ${M} zijn.`
 }
 return""
}
// adds what is new, skips what is there; date order
function merge(l,add){
 const seen=new Set(l.map(key)),o=l.slice();
 for(const r of add)seen.has(key(r))||(seen.add(key(r)),o.push(r));
 o.sort((a,b)=>a.date<b.date?-1:+(a.date>b.date));
 return{list:o,added:o.length-l.length,skipped:add.length+l.length-o.length}
}
function parse(text){
 let d,e;
 try{d=JSON.parse(text)}catch(x){return{error:"Dit bestand is geen geldig JSON-bestand."+N}}
 if(!d||d.format!==F)return{error:"Dit bestand is geen export van deze checklist."+N};
 if(d.checklistVersion!==V)return{error:"Dit bestand hoort bij "+ver(d.checklistVersion)+N};
 if(!Array.isArray(d.measurements))return{error:"Dit bestand bevat geen metingen."+N};
 if(e=d.measurements.map(check).find(x=>x))return{error:e+N};
 return{measurements:d.measurements.map(norm)}
}
function toCSV(l){
 const rows=[["datum","naam","versie",...ids,...S.themes.map(t=>"score "+t.id),"score totaal"]];
 for(const r of l){const s=score(r.answers);rows.push([r.date,r.name,V,...ids.map(q=>r.answers[q]||""),...s.themes.map(t=>fix(t.mean)),fix(s.overall)])}
 return"\ufeff"+rows.map(r=>r.map(cell).join()).join("\r\n")+"\r\n"
}
// share fragment: score=<version>.<theme>-<a digit per question number, 0 = none>...<checksum>
function encode(a){
 const b=V+"."+S.themes.map(t=>{const d=[];for(const q of t.questions)d[q.split("-").pop()-1]=a[q];return t.id+"-"+Array.from(d,s=>ok(s)?s:0).join("")}).join(".");
 return"score="+b+"."+sum(b)
}
function decode(h){
 const m=/^#?score=(\d{1,9})\.(.{1,400})\.(\w\w)$/.exec(h),a={};
 if(!m||sum(m[1]+"."+m[2])!=m[3])return BAD;
 if(m[1]!=V)return{error:"Deze deellink hoort bij "+ver(m[1])};
 for(const p of m[2].split(".")){
  const x=/^(.+)-(\d+)$/.exec(p),t=x&&S.themes.find(t=>t.id==x[1]);
  if(!t)return BAD;
  for(let n=1;n<=x[2].length;n++){const q=t.id+"-"+n,s=+x[2][n-1];if(s&&!(ids.includes(q)&&ok(s)))return BAD;if(s)a[q]=s}
 }
 return{answers:a}
}
// stored {measurements,current}; measurements that do not fit this version are kept, not shown
function read(st){
 let d;try{d=JSON.parse(st.getItem(K))}catch(x){}
 const all=d&&Array.isArray(d.measurements)?d.measurements:[];
 return{list:merge([],all.filter((r,i)=>!check(r,i)).map(norm)).list,kept:all.filter(check),current:pick(d&&d.current)}
}
return{score,check,merge,parse,toCSV,encode,decode,read,answers:pick,
 record:(answers,name,date)=>norm({date,name,answers}),
 write:(st,s)=>{try{st.setItem(K,JSON.stringify({measurements:s.kept.concat(s.list),current:s.current}));return 1}catch(x){return 0}},
 toJSON:l=>JSON.stringify({format:F,checklistVersion:V,measurements:l},null,1)}
}};
