/* Checklist UI: scores, charts, aandachtspunten, measurements, export/import, share links (logic: checklist-core.js).
 DOM only via createElement(NS)/textContent, never HTML strings. Compact: the site's JS budget. */
(()=>{
const $=(s,r=document)=>r.querySelector(s),$$=(s,r=document)=>[...r.querySelectorAll(s)],form=$("[data-checklist]"),D=form&&form.dataset;
if(!D||!window.ChecklistCore)return;
const scale=D.scale.split("|"),M=scale.length,
spec={version:+D.version,scale,themes:$$("[data-theme]").map(s=>({id:s.dataset.theme,title:s.dataset.themeTitle,questions:$$("[data-question]",s).map(f=>f.id)}))},
C=ChecklistCore.create(spec),mem={getItem:()=>null,setItem(){}},
mk=(n,a,k)=>{for(const x in a)n.setAttribute(x,a[x]);n.append(...k);return n},
el=(t,a,...k)=>mk(document.createElement(t),a,k),sv=(t,a,...k)=>mk(document.createElementNS("http://www.w3.org/2000/svg",t),a,k),
f=m=>m==null?"geen":m.toFixed(1).replace(".",","),
day=s=>new Date(s+"T12:00").toLocaleDateString("nl-NL",{day:"numeric",month:"long",year:"numeric"}),
dn=r=>day(r.date)+(r.name?` (${r.name})`:""),lab=r=>"meting van "+dn(r),
today=(t=new Date)=>new Date(t-t.getTimezoneOffset()*6e4).toISOString().slice(0,10),
say=(n,t)=>n.textContent=t,none=()=>!C.score(S.current).n&&say(ST,"Beantwoord eerst ten minste één vraag."),
[ST,HS,H,TR,CP,CF,CT,CY,CN,NM,IM,DA,SV,SC,AT,SE,SR,SS]="status history-status history trend compare confirm confirm-text confirm-yes confirm-no save-name import delete-all shared-view scores attention shared-error shared-result shared-scores".split(" ").map(h=>$(`[data-${h}]`)),
// a table in a region that scrolls sideways on a narrow screen, reachable by keyboard
tab=(cap,head,rows)=>el("div",{class:"table-scroll",tabindex:0,role:"region","aria-label":cap},el("table",{class:"score-table"},el("caption",{},cap),
 el("tr",{},...head.map(h=>el("th",{scope:"col"},h))),...rows.map(r=>el("tr",{},el("th",{scope:"row"},r[0]),...r.slice(1).map(c=>el("td",{},c)))))),
// bar chart of the theme scores and the total
bars=r=>{const it=[...r.themes,{title:"Totaal",mean:r.overall}],g=sv("svg",{class:"chart",viewBox:`0 0 320 ${it.length*46}`,role:"img",
 "aria-label":`Staafdiagram van de scores (1 tot ${M}): `+it.map(t=>t.title+" "+f(t.mean)).join(", ")});
 it.forEach((t,i)=>{const y=i*46,w=(t.mean||0)*260/M;g.append(sv("text",{x:0,y:y+14},t.title),sv("rect",{x:0,y:y+20,width:w,height:18}),sv("text",{x:w+6,y:y+34},f(t.mean)))});
 return g},
// questions scored 1 or 2, with a copy of their tips
attn=(r,a)=>r.attention.length?el("ul",{class:"attention"},...r.attention.map(q=>{const fs=document.getElementById(q),tips=$("[data-tips]",fs),d=el("details",{},el("summary",{},"Tips bij deze vraag"));
 tips&&d.append(...[...tips.children].slice(1).map(n=>n.cloneNode(1)));
 return el("li",{},el("a",{href:"#"+q},fs.closest("[data-theme]").dataset.themeTitle+", vraag "+$("legend",fs).textContent.replace(/\s+/g," ").trim()),
  el("p",{},`Score: ${a[q]} (${scale[a[q]-1]})`),d)})):el("p",{},"Geen aandachtspunten: geen enkele beantwoorde vraag heeft score 1 of 2."),
block=a=>{const r=C.score(a);return[el("h3",{},"Scores per thema"),bars(r),
 tab(`Scores per thema (1 = ${scale[0].toLowerCase()}, ${M} = ${scale[M-1].toLowerCase()})`,["Thema","Score","Beantwoord"],
  [...r.themes,{title:"Totaal (gemiddelde van de thema’s)",mean:r.overall,n:r.n,m:r.m}].map(t=>[t.title,f(t.mean),t.n+" van "+t.m])),
 el("h3",{},"Aandachtspunten"),attn(r,a)]},
show=()=>{const b=block(S.current);SC.replaceChildren(...b.slice(0,3));AT.replaceChildren(...b.slice(3))},
put=a=>$$("[type=radio]",form).forEach(i=>i.checked=a[i.name]==i.value),
keep=()=>C.write(st,S)||say(ST,"Bewaren lukte niet: deze browser staat opslaan niet toe."),
changed=(n,m)=>{const k=S.list.length;sel=k>1?[k-2,k-1]:[];keep();hist();say(n,m)},
// history table (also the figures of the trend chart), compare, trend
hist=()=>{H.replaceChildren(S.list.length?tab("Bewaarde metingen: scores per thema",["Meting",...spec.themes.map(t=>t.title),"Totaal","Vergelijken","Verwijderen"],S.list.map((r,i)=>{
 const s=C.score(r.answers),n=lab(r),b=el("input",{type:"checkbox","aria-label":"Vergelijk de "+n}),x=el("button",{type:"button",class:"button button--danger","aria-label":n+" verwijderen"},"Verwijderen");
 b.checked=sel.includes(i);b.onchange=()=>{sel=b.checked?[...sel,i]:sel.filter(j=>j-i);cmp()};
 x.onclick=()=>ask(`Weet u zeker dat u de ${n} wilt verwijderen?`,x,()=>(S.list=S.list.filter(m=>m!=r),`De ${n} is verwijderd.`));
 return[n,...s.themes.map(t=>f(t.mean)),f(s.overall),b,x]})):el("p",{},"U hebt nog geen metingen bewaard."));trend();cmp()},
cmp=()=>{const[a,b]=sel.sort((x,y)=>x-y).map(i=>S.list[i]),x=a&&C.score(a.answers),y=b&&C.score(b.answers),
 R=m=>Math.round(m*10)/10,row=(t,p,q,d=R(q)-R(p))=>[t,f(p),f(q),p==null||q==null?"geen":(d>0?"+":d<0?"−":"")+f(Math.abs(d))];
 CP.replaceChildren(...S.list.length<2?[]:[el("h4",{},"Twee metingen vergelijken"),sel.length!=2?el("p",{},"Kies in de kolom Vergelijken twee metingen."):
  tab(`Verschil per thema van de ${lab(a)} naar de ${lab(b)}`,["Thema",dn(a),dn(b),"Verschil"],
   [...x.themes.map((t,i)=>row(t.title,t.mean,y.themes[i].mean)),row("Totaal",x.overall,y.overall)])])},
trend=()=>{const l=S.list.map(r=>C.score(r.answers)),n=l.length;if(n<2)return TR.replaceChildren();const X=i=>40+i*290/(n-1),Y=v=>170-(v-1)*150/(M-1),
 g=sv("svg",{class:"chart chart--trend",viewBox:`0 0 360 ${205+spec.themes.length*22}`,role:"img","aria-label":"Lijndiagram van de scores per thema door de tijd (de cijfers staan in de tabel): "+
  spec.themes.map((t,k)=>t.title+" "+l.map(s=>f(s.themes[k].mean)).join(", ")).join("; ")});
 for(let v=1;v<=M;v++)g.append(sv("line",{x1:30,x2:340,y1:Y(v),y2:Y(v),class:"grid"}),sv("text",{x:10,y:Y(v)+5},v));
 [0,n-1].forEach(i=>g.append(sv("text",{x:X(i),y:192,"text-anchor":i?"end":"start"},day(S.list[i].date))));
 spec.themes.forEach((t,k)=>{const y=215+k*22,p=l.map((s,i)=>[X(i),s.themes[k].mean]).filter(p=>p[1]!=null);
  g.append(sv("polyline",{class:"l"+k,points:p.map(p=>p[0]+","+Y(p[1])).join(" ")}),...p.map(p=>sv("circle",{class:"l"+k,cx:p[0],cy:Y(p[1]),r:4})),
   sv("line",{class:"l"+k,x1:40,x2:80,y1:y,y2:y}),sv("text",{x:88,y:y+5},t.title))});
 TR.replaceChildren(el("h4",{},"Verloop per thema"),g)},
// confirmation in the page, by keyboard: focus on the question, Escape or "Nee" goes back
ask=(q,from,act)=>{say(CT,q);from.closest(".table-scroll,p").after(CF);CF.hidden=0;CT.focus();
 CN.onclick=()=>{CF.hidden=1;from.focus()};
 CY.onclick=()=>{CF.hidden=1;changed(HS,act());$("#metingen-titel").focus()}},
dl=(t,ext,type)=>{if(!S.list.length)return say(HS,"U hebt nog geen metingen bewaard.");
 const a=el("a",{href:URL.createObjectURL(new Blob([t],{type})),download:`checklist-metingen-${today()}.${ext}`});
 document.body.append(a);a.click();a.remove();setTimeout(()=>URL.revokeObjectURL(a.href),1e4);say(HS,"Uw metingen worden gedownload.")},
// a result shared in the fragment: read-only, with a button to take it over
shared=()=>{if(!/^#score=/.test(location.hash))return;const x=C.decode(location.hash);
 SE.hidden=!x.error;say(SE,x.error||"");SR.hidden=!!x.error;
 x.answers&&SS.replaceChildren(...block(x.answers));
 $("[data-take-over]").onclick=()=>{put(S.current=x.answers);keep();show();SV.hidden=1;history.replaceState(null,"",location.pathname);$("#resultaat-titel").focus();
  say(ST,"Het gedeelde resultaat staat nu in het formulier. U kunt het aanpassen en bewaren.")};
 SV.hidden=0;$("h2",SV).focus()};
let st,sel=[];try{st=localStorage||mem}catch(e){st=mem}
const S=C.read(st);
form.addEventListener("change",e=>{S.current=C.answers(Object.fromEntries($$(":checked",form).map(i=>[i.name,+i.value])));keep();show();
 const t=C.score(S.current).themes.find(t=>t.id==e.target.closest("[data-theme]").dataset.theme);say(ST,`${t.title}: score ${f(t.mean)}, ${t.n} van ${t.m} beantwoord.`)});
$("[data-save-button]").onclick=()=>{if(none())return;
 const r=C.record(S.current,NM.value,today()),m=C.merge(S.list,[r]);if(!m.added)return say(ST,"Deze meting is al bewaard.");
 S.list=m.list;NM.value="";changed(ST,`De ${lab(r)} is bewaard in deze browser.`)};
$("[data-share-button]").onclick=()=>{if(none())return;const u=location.href.split("#")[0]+"#"+C.encode(S.current);
 Promise.resolve().then(()=>navigator.clipboard.writeText(u)).then(()=>say(ST,"De deellink is gekopieerd. Uw scores staan alleen in de link zelf."),()=>say(ST,"Kopiëren lukte niet. Kopieer deze link: "+u))};
$("[data-export-json]").onclick=()=>dl(C.toJSON(S.list),"json","application/json");
$("[data-export-csv]").onclick=()=>dl(C.toCSV(S.list),"csv","text/csv");
IM.onchange=async()=>{const file=IM.files[0],d=file&&(file.size>1e6?{error:"Dit bestand is te groot."}:C.parse(await file.text()));IM.value="";if(!d)return;
 if(d.error)return say(HS,d.error);const m=C.merge(S.list,d.measurements);S.list=m.list;
 changed(HS,`Geïmporteerd: ${m.added} ${m.added==1?"meting":"metingen"}. Overgeslagen omdat ze er al waren: ${m.skipped}.`)};
DA.onclick=()=>S.list.length?ask(`Weet u zeker dat u alle ${S.list.length} bewaarde metingen wilt verwijderen? Dit kan niet ongedaan worden gemaakt.`,DA,()=>(S.list=[],"Alle metingen zijn verwijderd.")):say(HS,"U hebt geen bewaarde metingen.");
CF.onkeydown=e=>{e.key=="Escape"&&CN.click()};
$("[data-results]").hidden=$("[data-results-link]").hidden=0;$("[data-checklist-nojs]").hidden=1;
put(S.current);show();sel=[S.list.length-2,S.list.length-1].filter(i=>i>=0);hist();shared();addEventListener("hashchange",shared)
})();
